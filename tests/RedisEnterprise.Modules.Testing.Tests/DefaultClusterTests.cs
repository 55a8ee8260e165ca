namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>A default fake cluster for each test, started on first use, with an admin HttpClient for it; both disposed after the test.</summary>
public abstract class DefaultClusterTests : IAsyncDisposable
{
    private FakeRedisEnterpriseCluster? _cluster;
    private HttpClient? _admin;

    private protected FakeRedisEnterpriseCluster Cluster => _cluster ??= FakeRedisEnterpriseCluster.Start();

    private protected HttpClient Admin => _admin ??= TestSupport.AdminFor(Cluster);

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
