using Refit;

namespace RedisEnterprise.Modules.Transport;

/// <summary>The cluster and node endpoints module management reads and the one setting it changes, declared for Refit's source generator.</summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IClusterApi
{
    /// <summary><c>GET /v1/cluster</c>: the cluster's settings.</summary>
    [Get(Routes.Cluster)]
    Task<HttpResponseMessage> GetClusterAsync(CancellationToken cancellationToken);

    /// <summary><c>PUT /v1/cluster</c> with <c>{"allow_modules_upload": …}</c> and nothing else.</summary>
    [Put(Routes.Cluster)]
    Task<HttpResponseMessage> SetModuleUploadsAsync([Body(buffered: true)] ModuleUploadSetting setting, CancellationToken cancellationToken);

    /// <summary><c>GET /v1/nodes</c>: every node of the cluster.</summary>
    [Get(Routes.Nodes)]
    Task<HttpResponseMessage> ListNodesAsync(CancellationToken cancellationToken);
}
