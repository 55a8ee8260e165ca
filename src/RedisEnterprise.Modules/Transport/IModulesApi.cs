using Refit;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The module endpoints of the Redis Enterprise Software REST API, declared for Refit's source generator: the one declaration
/// of each route. Refit builds, authorizes and sends the request; the answer comes back unread, for <see cref="ResponseReader"/>.
/// </summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IModulesApi
{
    /// <summary>The multipart boundary of uploads: long and specific, so no zip is likely to contain it.</summary>
    const string MultipartBoundary = "----RedisEnterpriseModules-5f0c2b9e8d1a4e7b9c3f6a2d8e4b1c7a";

    /// <summary><c>GET /v1/modules</c>: the modules stored in the cluster.</summary>
    [Get(Routes.ModulesV1)]
    Task<HttpResponseMessage> ListModulesAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /v1/modules/{uid}</c>: one module; 404 when it does not exist.</summary>
    [Get(Routes.ModuleV1)]
    Task<HttpResponseMessage> GetModuleAsync(string uid, CancellationToken cancellationToken);

    /// <summary><c>POST /v1/modules</c>: the deprecated synchronous upload.</summary>
    [Multipart(MultipartBoundary)]
    [Post(Routes.ModulesV1)]
    [Headers("Expect: 100-continue")]
    Task<HttpResponseMessage> UploadModuleV1Async([AliasAs("module")] StreamPart modulePackage, CancellationToken cancellationToken);

    /// <summary><c>POST /v2/modules</c>: schedules an upload; the answer is the module with the <c>action_uid</c> that tracks it.</summary>
    [Multipart(MultipartBoundary)]
    [Post(Routes.ModulesV2)]
    [Headers("Expect: 100-continue")]
    Task<HttpResponseMessage> UploadModuleAsync([AliasAs("module")] StreamPart modulePackage, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v1/modules/{uid}</c>: the deprecated synchronous delete.</summary>
    [Delete(Routes.ModuleV1)]
    Task<HttpResponseMessage> DeleteModuleV1Async(string uid, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v2/modules/{uid}</c>: schedules a deletion; the answer names the action that tracks it.</summary>
    [Delete(Routes.ModuleV2)]
    Task<HttpResponseMessage> DeleteModuleAsync(string uid, CancellationToken cancellationToken);
}
