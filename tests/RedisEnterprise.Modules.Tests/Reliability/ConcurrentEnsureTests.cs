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
        Assert.DoesNotContain(PackageGate.Keys, k => k.StartsWith(server.Endpoint.ToString(), StringComparison.Ordinal)); // no gate kept once the ensures end
    }

    [Fact]
    public async Task The_wait_for_the_other_uploader_survives_a_transient_error()
    {
        // List 1: the ensure looks; list 2: the compatibility check before its upload; list 3: the first of the wait, a 503.
        var cluster = new SlowInstallCluster(pollsToInstall: 3) { UploadingElsewhereUntilList = 5, UnavailableOnList = 3 };
        using var server = RawServer.Answering(cluster.Answer);
        using var client = Client(server);

        EnsureModuleResult result = await client.EnsureModuleInstalledAsync(WritePackage()).WaitAsync(FaultTests.Generous);

        Assert.False(result.WasUploaded);
        Assert.Equal(Name, result.Module.ModuleName);
        Assert.True(cluster.Lists >= 5, "listed on after the 503");
    }

    [Fact]
    public async Task The_wait_for_the_other_uploader_stops_when_the_client_is_disposed()
    {
        var cluster = new SlowInstallCluster(pollsToInstall: 3) { UploadingElsewhereUntilList = int.MaxValue };
        using var server = RawServer.Answering(cluster.Answer);
        var time = new DelaySignallingTime(TimeSpan.FromSeconds(7)); // never advanced: only the disposal can end the wait
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.PollingInterval = TimeSpan.FromSeconds(7);
        options.MaxPollingInterval = TimeSpan.FromSeconds(7);
        var client = new RedisEnterpriseModulesClient(options);

        Task<EnsureModuleResult> ensure = client.EnsureModuleInstalledAsync(WritePackage());
        await time.DelayStarted.Task.WaitAsync(FaultTests.Generous); // the wait after the module_exists lists, then waits
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ensure.WaitAsync(FaultTests.Generous));
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
        var time = new SteppingTime();
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.RequestTimeout = Timeout.InfiniteTimeSpan; // only the wait's delays make timers, which the stepping clock runs
        options.UploadStallTimeout = null;
        options.OperationTimeout = TimeSpan.FromMinutes(3);
        using var client = new RedisEnterpriseModulesClient(options);

        await Assert.ThrowsAsync<ModuleAlreadyExistsException>(() => time.Drive(client.EnsureModuleInstalledAsync(WritePackage())));
        Assert.Equal(TimeSpan.FromMinutes(3), time.TotalAdvanced); // gave up at OperationTimeout after the module_exists, the last delay cut to fit
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

    /// <summary>A clock that is never advanced, telling when a wait of <paramref name="delay"/> starts.</summary>
    private sealed class DelaySignallingTime(TimeSpan delay) : FakeTimeProvider
    {
        internal TaskCompletionSource DelayStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == delay) DelayStarted.TrySetResult();
            return timer;
        }
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

        /// <summary>The list request answered 503 Service Unavailable (0: none).</summary>
        internal int UnavailableOnList { get; init; }

        internal int Lists => _lists;

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
                        _lists++;
                        if (_lists == UnavailableOnList) return new RawResponse(503, """{"error_code":"unavailable"}""", Reason: "Service Unavailable");
                        if (elsewhere && _lists >= UploadingElsewhereUntilList) _installed = true;
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
