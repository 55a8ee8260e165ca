using System.Diagnostics;

namespace RedisEnterprise.Modules.Testing.Tests;

public class ScriptedFailureTests : DefaultClusterTests
{
    [Theory]
    [InlineData("/v1/modules")]
    [InlineData("/v2/modules")]
    public async Task FailNextUploadWith_fails_one_valid_upload_with_that_code(string route)
    {
        Cluster.FailNextUploadWith("min_redis_pack_version", "Module requires Redis Enterprise 8.0.0");

        // Reads are not affected.
        await GetJsonAsync(Admin, "/v1/modules");

        using (HttpResponseMessage failed = await UploadAsync(Admin, route, new ModulePackageBuilder("rejson", "2.0.8")))
        {
            string message = await AssertErrorAsync(failed, 400, "min_redis_pack_version");
            Assert.Equal("Module requires Redis Enterprise 8.0.0", message);
        }

        Assert.DoesNotContain(Cluster.Modules, m => m.ModuleName == "rejson");
        await UploadModuleAsync(Admin, route, new ModulePackageBuilder("rejson", "2.0.8"));
    }

    [Fact]
    public async Task FailNextUploadWith_takes_any_code_and_status()
    {
        Cluster.FailNextUploadWith("dependency_download_failed", statusCode: 500);
        using HttpResponseMessage failed = await UploadAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));
        await AssertErrorAsync(failed, 500, "dependency_download_failed");
    }

    [Fact]
    public async Task FailNextActionWith_makes_the_next_upload_action_end_failed_and_stores_nothing()
    {
        Cluster.FailNextActionWith("insufficient_resources", "Not enough memory on the nodes");

        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));

        string actionUid = module.GetProperty("action_uid").GetString()!;
        List<JsonElement> polls = await PollToEndAsync(Admin, "v2", actionUid);
        Assert.Equal(["queued", "running", "failed"], Statuses(polls));
        JsonElement failed = polls[^1];
        Assert.Equal("insufficient_resources", failed.GetProperty("error_code").GetString());
        Assert.Equal("Not enough memory on the nodes", failed.GetProperty("error_message").GetString());
        Assert.Equal("Not enough memory on the nodes", failed.GetProperty("additional_info").GetProperty("error").GetString());
        Assert.False(polls[0].TryGetProperty("error_code", out _)); // no error before it ends

        JsonElement v1 = await GetJsonAsync(Admin, $"/v1/actions/{actionUid}");
        Assert.Equal("failed", v1.GetProperty("status").GetString());
        Assert.Equal("insufficient_resources", v1.GetProperty("error_code").GetString());

        Assert.DoesNotContain(Cluster.Modules, m => m.ModuleName == "rejson");

        // Once only: the next upload (even of the same module) completes.
        JsonElement retry = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));
        List<JsonElement> retryPolls = await PollToEndAsync(Admin, "v2", retry.GetProperty("action_uid").GetString()!);
        Assert.Equal("completed", retryPolls[^1].GetProperty("status").GetString());
        Assert.Contains(Cluster.Modules, m => m.ModuleName == "rejson");
    }

    [Fact]
    public async Task Redis_Software_8_mode_answers_405_to_module_changes_and_still_serves_reads()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "8.0.0-1" });
        string uid = cluster.Modules[0].Uid;
        using HttpClient admin = AdminFor(cluster);

        foreach (string route in new[] { "/v1/modules", "/v2/modules" })
        {
            using HttpResponseMessage upload = await UploadAsync(admin, route, new ModulePackageBuilder("rejson", "2.0.8"));
            string message = await AssertErrorAsync(upload, 405, "method_not_allowed");
            Assert.Contains("user-defined", message, StringComparison.Ordinal);
        }

        foreach (string version in new[] { "v1", "v2" })
        {
            using HttpResponseMessage delete = await admin.DeleteAsync($"/{version}/modules/{uid}", Ct);
            await AssertErrorAsync(delete, 405, "method_not_allowed");
        }

        Assert.Equal(4, (await GetJsonAsync(admin, "/v1/modules")).GetArrayLength());
        Assert.Equal(4, cluster.Modules.Count);
    }

    [Fact]
    public async Task Flaky_fails_exactly_the_next_n_requests_with_503()
    {
        await GetJsonAsync(Admin, "/v1/modules");
        Cluster.Flaky(2);

        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage response = await Admin.GetAsync("/v1/modules", Ct);
            await AssertErrorAsync(response, 503, "service_unavailable");
        }

        await GetJsonAsync(Admin, "/v1/modules");
        Assert.Equal([200, 503, 503, 200], Cluster.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task FlakyRequests_option_fails_the_first_requests_even_before_authentication()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, FlakyRequests = 1 });
        using HttpClient anonymous = Raw(cluster, null, null);
        using (HttpResponseMessage first = await anonymous.GetAsync("/v1/modules", Ct))
        {
            await AssertErrorAsync(first, 503, "service_unavailable");
        }

        using HttpResponseMessage second = await anonymous.GetAsync("/v1/modules", Ct);
        await AssertErrorAsync(second, 401, "unauthorized");
    }

    [Fact]
    public async Task A_flaky_upload_changes_nothing()
    {
        Cluster.Flaky(1);
        using (HttpResponseMessage failed = await UploadAsync(Admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8")))
        {
            await AssertErrorAsync(failed, 503, "service_unavailable");
        }

        Assert.Equal(4, Cluster.Modules.Count);
        await UploadModuleAsync(Admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8"));
    }

    [Fact]
    public async Task ResponseDelay_holds_every_answer_back()
    {
        var delay = TimeSpan.FromMilliseconds(300);
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ResponseDelay = delay });
        await GetJsonAsync(Admin, "/v1/modules"); // connection set up outside the measurement

        // A read, an upload and an action poll: each answer is held back.
        TimeSpan read = await TimeAsync(() => GetJsonAsync(Admin, "/v1/modules"));
        JsonElement module = default;
        TimeSpan upload = await TimeAsync(async () => module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8")));
        TimeSpan poll = await TimeAsync(() => GetJsonAsync(Admin, $"/v2/actions/{module.GetProperty("action_uid").GetString()}"));

        foreach ((string kind, TimeSpan elapsed) in new[] { ("read", read), ("upload", upload), ("action poll", poll) })
        {
            Assert.True(elapsed >= delay - TimeSpan.FromMilliseconds(15), $"{kind} answered after {elapsed.TotalMilliseconds} ms");
        }

        static async Task<TimeSpan> TimeAsync(Func<Task> request)
        {
            var watch = Stopwatch.StartNew();
            await request();
            return watch.Elapsed;
        }
    }

    [Fact]
    public async Task A_client_request_timeout_shorter_than_the_delay_fails_as_a_timeout()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ResponseDelay = TimeSpan.FromSeconds(5) });
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        options.RequestTimeout = TimeSpan.FromMilliseconds(200);
        using var client = new RedisEnterpriseModulesClient(options);
        RedisEnterpriseConnectionException e = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync(Ct));
        Assert.IsType<TimeoutException>(e.InnerException);
    }
}
