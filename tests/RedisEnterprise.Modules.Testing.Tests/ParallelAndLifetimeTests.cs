namespace RedisEnterprise.Modules.Testing.Tests;

public class ParallelAndLifetimeTests
{
    [Fact]
    public async Task Many_clusters_start_in_parallel_on_distinct_ports_with_independent_state()
    {
        FakeRedisEnterpriseCluster[] clusters = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => FakeRedisEnterpriseCluster.Start(TestSupport.Legacy()), Ct)));
        try
        {
            Assert.Equal(clusters.Length, clusters.Select(c => c.Endpoint.Port).Distinct().Count());

            // Each cluster gets a different module, uploaded concurrently.
            await Task.WhenAll(clusters.Select(async (cluster, i) =>
            {
                using HttpClient admin = AdminFor(cluster);
                await UploadModuleAsync(admin, "/v1/modules", new ModulePackageBuilder($"module{i}", "1.0.0"));
            }));

            for (int i = 0; i < clusters.Length; i++)
            {
                string[] uploaded = clusters[i].Modules.Where(m => m.IsBundled != true).Select(m => m.ModuleName!).ToArray();
                Assert.Equal([$"module{i}"], uploaded);
            }
        }
        finally
        {
            foreach (FakeRedisEnterpriseCluster cluster in clusters) await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_requests_on_one_cluster_keep_state_consistent()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, SeedBundledModules = false });
        using HttpClient admin = AdminFor(cluster);

        // The same module uploaded 8 times at once: exactly one wins.
        int[] statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using HttpResponseMessage response = await UploadAsync(admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8"));
            return (int)response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(7, statuses.Count(s => s == 400));
        Assert.Single(cluster.Modules);
        Assert.Equal(8, cluster.Requests.Count);
    }

    [Fact]
    public async Task A_client_for_one_cluster_does_not_trust_another()
    {
        await using var a = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        await using var b = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        RedisEnterpriseModulesClientOptions options = b.CreateClientOptions();
        options.TrustedCertificates.Clear();
        options.TrustedCertificates.Add(a.Certificate);
        using var client = new RedisEnterpriseModulesClient(options);
        await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync(Ct));
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_may_be_repeated()
    {
        var cluster = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        using HttpClient admin = AdminFor(cluster);
        await GetJsonAsync(admin, "/v1/modules");

        await cluster.DisposeAsync();
        await cluster.DisposeAsync();
        cluster.Dispose();

        using HttpClient fresh = AdminFor(cluster);
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/v1/modules", Ct));
        Assert.NotEmpty(cluster.Certificate.RawData); // still usable after disposal
    }

    [Fact]
    public async Task Dispose_ends_a_pending_response_delay()
    {
        var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ResponseDelay = TimeSpan.FromMinutes(5) });
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RequestArrived += (_, _) => arrived.TrySetResult();
        using HttpClient admin = AdminFor(cluster);
        admin.Timeout = TimeSpan.FromMinutes(1);
        Task<HttpResponseMessage> pending = admin.GetAsync("/v1/modules", Ct);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the request now waits inside the server

        var watch = System.Diagnostics.Stopwatch.StartNew();
        cluster.Dispose();
        try
        {
            using HttpResponseMessage response = await pending.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.Equal(503, (int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The connection may close before the answer is written; either way the request ended.
        }

        // Not implied by the WaitAsync above: the watch also covers Dispose itself, which would block (and let the
        // request finish normally afterwards) if stopping the server waited for the delay instead of cancelling it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal(503, Assert.Single(cluster.Requests).StatusCode);
    }

    [Fact]
    public async Task The_client_from_CreateClient_uses_the_admin_credentials()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        await client.ListModulesAsync(Ct);
        string authorization = Assert.Single(cluster.Requests).Header("Authorization")!;
        string decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
        Assert.Equal($"{cluster.Username}:{cluster.Password}", decoded);
    }
}
