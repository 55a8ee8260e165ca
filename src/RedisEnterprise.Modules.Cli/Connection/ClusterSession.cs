namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>A client for one cluster, and what has to be disposed with it (the container that made it, or a simulated cluster).</summary>
internal sealed class ClusterSession(IRedisEnterpriseModulesClient client, IAsyncDisposable resources) : IAsyncDisposable
{
    public IRedisEnterpriseModulesClient Client { get; } = client;

    public ValueTask DisposeAsync() => resources.DisposeAsync();
}
