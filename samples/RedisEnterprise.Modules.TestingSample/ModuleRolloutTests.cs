using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.TestingSample;

public sealed class ModuleRolloutTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
    private readonly string _folder = Directory.CreateTempSubdirectory("rollout-tests").FullName;

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Package(string name, string version) =>
        new ModulePackageBuilder(name, version).WithPayloadSize(4096).WriteTo(Path.Combine(_folder, $"{name}-{version}.zip"));

    [Fact]
    public async Task Installs_the_new_version_and_removes_the_older_uploaded_one()
    {
        using var client = _cluster.CreateClient();
        var rollout = new ModuleRollout(client);
        await rollout.RollForwardAsync(Package("rejson", "2.0.8"));

        RolloutReport report = await rollout.RollForwardAsync(Package("rejson", "2.0.9"));

        Assert.True(report.Uploaded);
        Assert.Equal(["rejson 2.0.8"], report.Removed);
        Assert.Equal(["2.0.9"], _cluster.Modules.Where(m => m.ModuleName == "rejson").Select(m => m.SemanticVersion));
    }

    [Fact]
    public async Task Running_twice_uploads_nothing_the_second_time()
    {
        using var client = _cluster.CreateClient();
        var rollout = new ModuleRollout(client);
        string package = Package("bf", "9.0.0");
        await rollout.RollForwardAsync(package);
        int posts = _cluster.Requests.Count(r => r.Method == "POST");

        RolloutReport again = await rollout.RollForwardAsync(package);

        Assert.False(again.Uploaded);
        Assert.Equal(posts, _cluster.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Bundled_modules_are_never_removed()
    {
        using var client = _cluster.CreateClient();
        int bundled = _cluster.Modules.Count(m => m.IsBundled == true);

        await new ModuleRollout(client).RollForwardAsync(Package("search", "99.0.0"));

        Assert.Equal(bundled, _cluster.Modules.Count(m => m.IsBundled == true));
    }

    [Fact]
    public async Task A_failed_install_surfaces_as_the_sdks_exception()
    {
        using var client = _cluster.CreateClient();
        _cluster.FailNextArtifactUploadWith(2, "insufficient_resources", 500);

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => new ModuleRollout(client).RollForwardAsync(Package("timeseries", "9.9.9")));

        Assert.Equal("insufficient_resources", error.ErrorCode);
        Assert.True(error.IsRolledBack); // the other nodes' packages and the configuration were deleted again
        Assert.DoesNotContain(_cluster.Modules, m => m.ModuleName == "timeseries" && m.SemanticVersion == "9.9.9");
    }
}
