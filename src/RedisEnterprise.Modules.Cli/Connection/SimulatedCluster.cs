using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>
/// The in-process cluster of <c>--simulate</c>: Redis Software 8.2, 3 nodes, uploads allowed, actions that end quickly, the
/// bundled modules, an older ReJSON (2.6.6) besides the bundled 2.8.4, and a database <c>orders</c> (Redis 7.4) that loads
/// it, so <c>databases</c>, <c>check</c> and <c>upgrade-db</c> have something to show.
/// </summary>
internal static class SimulatedCluster
{
    public const string DatabaseName = "orders";

    public const string OlderModule = "ReJSON";

    public const string OlderVersion = "2.6.6";

    public static async Task<ClusterSession> StartAsync(CancellationToken cancellationToken)
    {
        FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions
        {
            SoftwareVersion = "8.2.0-25",
            NodeCount = 3,
            AllowModulesUpload = true,
            PollsToComplete = 2,
        });
        RedisEnterpriseModulesClient client = cluster.CreateClient(); // trusts the simulated cluster's certificate, polls every few ms
        string package = new ModulePackageBuilder(OlderModule, OlderVersion).WithDisplayName("RedisJSON").WriteToTempFile();
        try
        {
            await client.UploadModuleAsync(package, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(package);
        }

        cluster.AddDatabase(new FakeDatabase(DatabaseName, "7.4").WithModule(OlderModule, OlderVersion));
        return new ClusterSession(client, new Resources(client, cluster));
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
