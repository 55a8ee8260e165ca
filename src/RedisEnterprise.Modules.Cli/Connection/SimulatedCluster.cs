using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>The in-process cluster of <c>--simulate</c>: Redis Software 8.2, 3 nodes, uploads allowed, actions that end quickly.</summary>
internal static class SimulatedCluster
{
    public static Task<ClusterSession> StartAsync(string name, CancellationToken cancellationToken)
    {
        FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions
        {
            SoftwareVersion = "8.2.0-25",
            NodeCount = 3,
            AllowModulesUpload = true,
            PollsToComplete = 2,
        });
        RedisEnterpriseModulesClient client = cluster.CreateClient(); // trusts the simulated cluster's certificate, polls every few ms
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ClusterSession(name, client, new Resources(client, cluster)));
    }

    private sealed class Resources(RedisEnterpriseModulesClient client, FakeRedisEnterpriseCluster cluster) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
