namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>A client for one cluster, and what has to be disposed with it (the container that made it, or a simulated cluster).</summary>
internal sealed class ClusterSession(string name, IRedisEnterpriseModulesClient client, IAsyncDisposable resources) : IAsyncDisposable
{
    /// <summary>The cluster's name in a clusters file, or empty for the one the global options name.</summary>
    public string Name { get; } = name;

    public IRedisEnterpriseModulesClient Client { get; } = client;

    public ValueTask DisposeAsync() => resources.DisposeAsync();
}
