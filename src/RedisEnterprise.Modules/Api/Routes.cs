namespace RedisEnterprise.Modules.Api;

/// <summary>
/// The route templates of the module and action endpoints, and the permission each one needs:
/// the one place the SDK keeps these facts.
/// </summary>
public static class Routes
{
    /// <summary><c>/v1/modules</c>: list (GET) and the deprecated synchronous upload (POST).</summary>
    public const string ModulesV1 = "/v1/modules";

    /// <summary><c>/v1/modules/{uid}</c>: get (GET) and the deprecated synchronous delete (DELETE).</summary>
    public const string ModuleV1 = "/v1/modules/{uid}";

    /// <summary><c>/v2/modules</c>: asynchronous upload (POST).</summary>
    public const string ModulesV2 = "/v2/modules";

    /// <summary><c>/v2/modules/{uid}</c>: asynchronous delete (DELETE).</summary>
    public const string ModuleV2 = "/v2/modules/{uid}";

    /// <summary><c>/v1/actions/{actionUid}</c>: one action.</summary>
    public const string ActionV1 = "/v1/actions/{actionUid}";

    /// <summary><c>/v2/actions/{actionUid}</c>: one action, with the v2 fields.</summary>
    public const string ActionV2 = "/v2/actions/{actionUid}";

    /// <summary>The permission needed to read modules (every built-in role has it).</summary>
    public const string ViewClusterModulesPermission = "view_cluster_modules";

    /// <summary>The permission needed to upload or delete modules (the admin role).</summary>
    public const string UpdateClusterPermission = "update_cluster";

    /// <summary>The permission needed to read actions (every role has it).</summary>
    public const string ViewActionStatusPermission = "view_status_of_cluster_action";

    /// <summary>The documented permission that a request needs, or <see langword="null"/> for a route this SDK does not know.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="routeTemplate">One of the route templates of this class.</param>
    /// <returns>The permission name, e.g. <c>update_cluster</c>.</returns>
    public static string? RequiredPermission(HttpMethod method, string? routeTemplate) => routeTemplate switch
    {
        ModulesV1 or ModuleV1 when method == HttpMethod.Get => ViewClusterModulesPermission,
        ModulesV1 or ModulesV2 or ModuleV1 or ModuleV2 => UpdateClusterPermission,
        ActionV1 or ActionV2 => ViewActionStatusPermission,
        _ => null,
    };

    internal static bool IsSingleModule(string? routeTemplate) => routeTemplate is ModuleV1 or ModuleV2;

    internal static bool IsModuleChange(HttpMethod method, string? routeTemplate) =>
        method != HttpMethod.Get && routeTemplate is ModulesV1 or ModulesV2 or ModuleV1 or ModuleV2;
}
