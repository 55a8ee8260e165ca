namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>A fake cluster for each test (default, started on first use, unless the test starts it with options), with an admin HttpClient for it; both disposed after the test.</summary>
public abstract class DefaultClusterTests : IAsyncDisposable
{
    private FakeRedisEnterpriseCluster? _cluster;
    private HttpClient? _admin;

    private protected FakeRedisEnterpriseCluster Cluster => _cluster ??= FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());

    private protected HttpClient Admin => _admin ??= TestSupport.AdminFor(Cluster);

    /// <summary>Starts this test's cluster with <paramref name="options"/>; call it before the first use of <see cref="Cluster"/> or <see cref="Admin"/>.</summary>
    private protected void StartCluster(FakeClusterOptions options)
    {
        if (_cluster is not null) throw new InvalidOperationException("this test's cluster is already started");
        _cluster = FakeRedisEnterpriseCluster.Start(options);
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
