using Refit;

namespace RedisEnterprise.Modules.Api;

/// <summary>
/// The module endpoints of the Redis Enterprise Software REST API, declared for Refit's source generator.
/// Behaviour (auth, TLS, error mapping, polling) lives in <c>RedisEnterpriseModulesClient</c>, not here.
/// </summary>
[Headers("Accept: application/json", "Authorization: Basic")]
public interface IModulesApi
{
    /// <summary>The multipart boundary of uploads: long and specific, so no zip is likely to contain it.</summary>
    const string MultipartBoundary = "----RedisEnterpriseModules-5f0c2b9e8d1a4e7b9c3f6a2d8e4b1c7a";

    /// <summary><c>GET /v1/modules</c>: lists the modules stored in the cluster. Needs <c>view_cluster_modules</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get(Routes.ModulesV1)]
    Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/modules/{uid}</c>: gets one module. Needs <c>view_cluster_modules</c>; 404 when it does not exist.</summary>
    /// <param name="uid">The module's unique ID (sent escaped, as one path segment).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get(Routes.ModuleV1)]
    Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/modules</c>: uploads a module synchronously. Needs <c>update_cluster</c>.</summary>
    /// <param name="modulePackage">The module package (a RAMP zip) as the multipart part named <c>module</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Obsolete("POST /v1/modules is deprecated as of Redis Enterprise Software 7.2. Use POST /v2/modules (UploadModuleAsync) instead.")]
    [Multipart(MultipartBoundary)]
    [Post(Routes.ModulesV1)]
    [Headers("Expect: 100-continue")]
    Task<ModuleInfo> UploadModuleV1Async([AliasAs("module")] StreamPart modulePackage, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /v2/modules</c>: schedules a module upload and returns the module with the <c>action_uid</c>
    /// that tracks it. Needs <c>update_cluster</c>; exists from cluster version 6.0.12.
    /// </summary>
    /// <param name="modulePackage">The module package (a RAMP zip) as the multipart part named <c>module</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Multipart(MultipartBoundary)]
    [Post(Routes.ModulesV2)]
    [Headers("Expect: 100-continue")]
    Task<ModuleInfo> UploadModuleAsync([AliasAs("module")] StreamPart modulePackage, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v1/modules/{uid}</c>: deletes a module synchronously. Needs <c>update_cluster</c>.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Obsolete("DELETE /v1/modules is deprecated as of Redis Enterprise Software 7.2. Use DELETE /v2/modules (DeleteModuleAsync) instead.")]
    [Delete(Routes.ModuleV1)]
    Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v2/modules/{uid}</c>: schedules a module deletion and returns the action that tracks it. Needs <c>update_cluster</c>.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Delete(Routes.ModuleV2)]
    Task<ActionReference> DeleteModuleAsync(string uid, CancellationToken cancellationToken = default);
}

/// <summary>The action endpoints that an <c>action_uid</c> points at. Every role has <c>view_status_of_cluster_action</c>.</summary>
[Headers("Accept: application/json", "Authorization: Basic")]
public interface IActionsApi
{
    /// <summary><c>GET /v1/actions/{action_uid}</c>: gets one action; 404 when it does not exist or has expired.</summary>
    /// <param name="actionUid">The action's unique ID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get(Routes.ActionV1)]
    Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v2/actions/{action_uid}</c>: gets one action with its v2 fields (<c>action_type</c>, <c>additional_info</c>).</summary>
    /// <param name="actionUid">The action's unique ID.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get(Routes.ActionV2)]
    Task<ActionInfo> GetActionV2Async(string actionUid, CancellationToken cancellationToken = default);
}
