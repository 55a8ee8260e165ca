using Refit;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The user-defined module endpoints of Redis Software 8.0 and later, declared for Refit's source generator: the module's
/// configuration in the cluster, and the packages stored on the node that answers (<c>/v2/local/…</c>).
/// </summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IUserDefinedModulesApi
{
    /// <summary><c>POST /v2/modules/user-defined</c>: creates the module's configuration from its <c>module.json</c>, sent as JSON.</summary>
    [Post(Routes.UserDefinedModules)]
    Task<HttpResponseMessage> CreateModuleAsync([Body(buffered: true)] ModulePackageMetadata metadata, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v2/modules/user-defined/{uid}</c>: deletes the module's configuration (the nodes' packages stay).</summary>
    [Delete(Routes.UserDefinedModule)]
    Task<HttpResponseMessage> DeleteModuleAsync(string uid, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/local/modules/user-defined/artifacts</c>: the packages on the node that answers.</summary>
    [Get(Routes.NodeArtifacts)]
    Task<HttpResponseMessage> ListArtifactsAsync(CancellationToken cancellationToken);

    /// <summary><c>POST /v2/local/modules/user-defined/artifacts</c>: stores the package zip on the node that answers.</summary>
    [Multipart(IModulesApi.MultipartBoundary)]
    [Post(Routes.NodeArtifacts)]
    [Headers("Expect: 100-continue")]
    Task<HttpResponseMessage> UploadArtifactAsync([AliasAs("module")] StreamPart modulePackage, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v2/local/modules/user-defined/artifacts/{module_name}/{version}</c>: deletes one package from the node that answers.</summary>
    [Delete(Routes.NodeArtifact)]
    Task<HttpResponseMessage> DeleteArtifactAsync(string moduleName, long version, CancellationToken cancellationToken);
}
