namespace RedisEnterprise.Modules;

/// <summary>How a cluster installs and deletes modules, decided by its Redis Software version.</summary>
public enum ModuleManagementMode
{
    /// <summary>
    /// Up to Redis Software 7.22: one upload to the cluster (<c>POST /v2/modules</c>), which stores the package on every node
    /// itself, followed by its action; deletion by <c>DELETE /v2/modules/{uid}</c>.
    /// </summary>
    ClusterUpload = 0,

    /// <summary>
    /// Redis Software 8.0 and later: the module's configuration is created in the cluster (<c>POST /v2/modules/user-defined</c>)
    /// and the package is uploaded to each node at its own address (<c>POST /v2/local/modules/user-defined/artifacts</c>).
    /// </summary>
    UserDefined = 1,
}
