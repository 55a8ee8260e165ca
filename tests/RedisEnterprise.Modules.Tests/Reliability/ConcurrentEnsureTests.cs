using RedisEnterprise.Modules.Tests.Packages;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// <c>EnsureModuleInstalledAsync</c> in the race it is built for: concurrent ensures of one package all succeed, one of them
/// uploading, and an ensure that meets another uploader's <c>module_exists</c> waits for the module to appear.
/// </summary>
public sealed class ConcurrentEnsureTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("concurrent-ensure");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Ten_concurrent_ensures_of_one_package_all_succeed_and_one_uploads()
    {
        var cluster = new SlowInstallCluster(pollsToInstall: 3);
        using var server = RawServer.Answering(cluster.Answer);
        using var client = Client(server);
        string path = WritePackage();

        EnsureModuleResult[] results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.EnsureModuleInstalledAsync(path))).WaitAsync(FaultTests.Generous);

        Assert.All(results, r => Assert.Equal(Name, r.Module.ModuleName));
        Assert.Single(results, r => r.WasUploaded);
        Assert.Equal(1, cluster.Uploads);
    }

    [Fact]
    public async Task An_ensure_that_meets_another_uploaders_module_exists_waits_for_the_module()
    {
        var cluster = new SlowInstallCluster(pollsToInstall: 3) { UploadingElsewhereUntilList = 4 };
        using var server = RawServer.Answering(cluster.Answer);
        using var client = Client(server);

        EnsureModuleResult result = await client.EnsureModuleInstalledAsync(WritePackage()).WaitAsync(FaultTests.Generous);

        Assert.False(result.WasUploaded);
        Assert.Equal(Name, result.Module.ModuleName);
        Assert.Equal(1, cluster.Uploads); // the one answered module_exists
    }

    [Fact]
    public async Task The_wait_for_the_other_uploader_ends_at_OperationTimeout_with_module_exists()
    {
        var cluster = new SlowInstallCluster(pollsToInstall: 3) { UploadingElsewhereUntilList = int.MaxValue };
        using var server = RawServer.Answering(cluster.Answer);
        var time = new FakeTimeProvider();
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.OperationTimeout = TimeSpan.FromMinutes(3);
        using var client = new RedisEnterpriseModulesClient(options);

        Task<EnsureModuleResult> ensure = client.EnsureModuleInstalledAsync(WritePackage());
        while (!ensure.IsCompleted && time.GetUtcNow() - time.Start < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        await Assert.ThrowsAsync<ModuleAlreadyExistsException>(() => ensure.WaitAsync(FaultTests.Generous));
        Assert.True(time.GetUtcNow() - time.Start < TimeSpan.FromMinutes(5), "gave up about OperationTimeout after the module_exists");
    }

    private static string Name => (string)TestPackages.Valid().Metadata["module_name"]!;

    private static string SemVer => (string)TestPackages.Valid().Metadata["semantic_version"]!;

    private static RedisEnterpriseModulesClient Client(RawServer server)
    {
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, TimeProvider.System);
        options.PollingInterval = TimeSpan.FromMilliseconds(5);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(20);
        return new RedisEnterpriseModulesClient(options);
    }

    private string WritePackage()
    {
        string path = Path.Combine(_folder.FullName, $"pkg-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, TestPackages.Valid().ToBytes());
        return path;
    }

    /// <summary>
    /// A cluster whose upload completes after a few polls of its action, listing the module only then; an upload while another
    /// is under way (or done) answers <c>module_exists</c>, as a real cluster does. <see cref="UploadingElsewhereUntilList"/>
    /// plays another process's upload, whose module appears on that list request.
    /// </summary>
    private sealed class SlowInstallCluster(int pollsToInstall)
    {
        private readonly Lock _lock = new();
        private bool _uploading;
        private bool _installed;
        private int _polls;
        private int _lists;

        internal int UploadingElsewhereUntilList { get; init; }

        internal int Uploads { get; private set; }

        private static string Module(bool withAction) =>
            $$"""{"uid":"u1",{{(withAction ? "\"action_uid\":\"a1\"," : string.Empty)}}"module_name":"{{Name}}","semantic_version":"{{SemVer}}"}""";

        internal RawResponse Answer(RawRequest request)
        {
            lock (_lock)
            {
                string path = request.Target;
                bool elsewhere = UploadingElsewhereUntilList > 0;
                switch (request.Method, path)
                {
                    case ("GET", "/v1/modules"):
                        if (elsewhere && ++_lists >= UploadingElsewhereUntilList) _installed = true;
                        return RawResponse.Json(_installed ? $"[{Module(false)}]" : "[]");
                    case ("POST", "/v2/modules"):
                        Uploads++;
                        if (_uploading || _installed || elsewhere) return new RawResponse(400, """{"error_code":"module_exists","message":"Module already exists"}""", Reason: "Bad Request");
                        _uploading = true;
                        return RawResponse.Json(Module(true));
                    case ("GET", "/v1/actions/a1"):
                        if (++_polls >= pollsToInstall) _installed = true;
                        return RawResponse.Json($$"""{"action_uid":"a1","status":"{{(_installed ? "completed" : "running")}}"}""");
                    case ("GET", "/v1/modules/u1"):
                        return RawResponse.Json(Module(false));
                    default:
                        return new RawResponse(404, """{"error_code":"not_found"}""", Reason: "Not Found");
                }
            }
        }
    }
}
