namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>What an authenticated user may do.</summary>
internal enum ClusterRole
{
    /// <summary>Reads and changes (the admin role).</summary>
    Admin,

    /// <summary>Reads only, like a user without <c>update_cluster</c>.</summary>
    ReadOnly,
}
