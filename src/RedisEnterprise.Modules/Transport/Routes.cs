namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The route templates of the module and action endpoints, named once for the Refit attributes that declare them and the
/// error map that tells them apart, and the permission each one needs.
/// </summary>
internal static class Routes
{
    internal const string ModulesV1 = "/v1/modules";
    internal const string ModuleV1 = "/v1/modules/{uid}";
    internal const string ModulesV2 = "/v2/modules";
    internal const string ModuleV2 = "/v2/modules/{uid}";
    internal const string ActionV1 = "/v1/actions/{actionUid}";
    internal const string Cluster = "/v1/cluster";
    internal const string Nodes = "/v1/nodes";
    internal const string UserDefinedModules = "/v2/modules/user-defined";
    internal const string UserDefinedModule = "/v2/modules/user-defined/{uid}";
    internal const string NodeArtifacts = "/v2/local/modules/user-defined/artifacts";
    internal const string NodeArtifact = "/v2/local/modules/user-defined/artifacts/{moduleName}/{version}";
    internal const string Databases = "/v1/bdbs";
    internal const string Database = "/v1/bdbs/{uid}";
    internal const string DatabaseUpgrade = "/v1/bdbs/{uid}/upgrade";

    internal const string ViewClusterModulesPermission = "view_cluster_modules";
    internal const string UpdateClusterPermission = "update_cluster";
    internal const string ViewActionStatusPermission = "view_status_of_cluster_action";
    internal const string ViewClusterInfoPermission = "view_cluster_info";
    internal const string ViewNodesPermission = "view_all_nodes_info";
    internal const string ManageClusterModulesPermission = "manage_cluster_modules";
    internal const string ViewDatabasesPermission = "view_all_bdbs_info";
    internal const string ViewDatabasePermission = "view_bdb_info";
    internal const string UpgradeDatabasePermission = "update_bdb_with_action";

    /// <summary>The documented permission that a request needs, or <see langword="null"/> for a route this SDK does not know.</summary>
    internal static string? RequiredPermission(HttpMethod method, string? routeTemplate) => routeTemplate switch
    {
        ModulesV1 or ModuleV1 when method == HttpMethod.Get => ViewClusterModulesPermission,
        ModulesV1 or ModulesV2 or ModuleV1 or ModuleV2 => UpdateClusterPermission,
        ActionV1 => ViewActionStatusPermission,
        Cluster when method == HttpMethod.Get => ViewClusterInfoPermission,
        Cluster => UpdateClusterPermission,
        Nodes => ViewNodesPermission,
        NodeArtifacts when method == HttpMethod.Get => ViewClusterModulesPermission,
        UserDefinedModules or UserDefinedModule or NodeArtifacts or NodeArtifact => ManageClusterModulesPermission,
        Databases => ViewDatabasesPermission,
        Database => ViewDatabasePermission,
        DatabaseUpgrade => UpgradeDatabasePermission,
        _ => null,
    };

    internal static bool IsSingleModule(string? routeTemplate) => routeTemplate is ModuleV1 or ModuleV2 or UserDefinedModule or NodeArtifact;

    /// <summary>A request for one artifact on a node, named by its module name and version (the path's last two segments).</summary>
    internal static bool IsArtifact(string? routeTemplate) => routeTemplate is NodeArtifact;

    internal static bool IsAction(string? routeTemplate) => routeTemplate is ActionV1;

    /// <summary>A request about one database, named by the path segment after <c>/v1/bdbs/</c>.</summary>
    internal static bool IsSingleDatabase(string? routeTemplate) => routeTemplate is Database or DatabaseUpgrade;

    internal static bool IsUpload(HttpMethod method, string? routeTemplate) => method == HttpMethod.Post && routeTemplate == ModulesV2;

    internal static bool IsModuleChange(HttpMethod method, string? routeTemplate) =>
        method != HttpMethod.Get && routeTemplate is ModulesV1 or ModulesV2 or ModuleV1 or ModuleV2;
}
