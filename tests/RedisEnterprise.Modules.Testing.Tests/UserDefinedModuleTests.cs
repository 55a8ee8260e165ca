using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The SDK's install, ensure and delete on a simulated Redis Software 8.2 cluster of several nodes, end to end.</summary>
public class UserDefinedModuleTests
{
    private static readonly UploadModuleOptions Enabled = new() { EnableModuleUploads = true };

    private static string Package(string name = "gears", string version = "1.2.3", Action<ModulePackageBuilder>? shape = null)
    {
        var builder = new ModulePackageBuilder(name, version).WithPayloadSize(64 * 1024);
        shape?.Invoke(builder);
        return builder.WriteToTempFile();
    }

    [Fact]
    public async Task The_client_detects_user_defined_modules_on_8_2_and_the_cluster_upload_on_7_22()
    {
        await using var eight = FakeRedisEnterpriseCluster.Start();
        await using var seven = FakeRedisEnterpriseCluster.Start(Legacy());
        using var client8 = eight.CreateClient();
        using var client7 = seven.CreateClient();

        Assert.Equal(ModuleManagementMode.UserDefined, await client8.GetModuleManagementModeAsync(Ct));
        Assert.Equal(ModuleManagementMode.ClusterUpload, await client7.GetModuleManagementModeAsync(Ct));
        Assert.Equal(ModuleManagementMode.UserDefined, await client8.GetModuleManagementModeAsync(Ct));
        Assert.Single(eight.Requests, r => r.Path == "/v1/nodes"); // asked once per client
    }

    [Fact]
    public async Task A_mixed_version_cluster_is_managed_as_its_lowest_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { NodeCount = 2 });
        NodeInfo old = cluster.AddNode("7.22.2-170");
        using var client = cluster.CreateClient();

        Assert.Equal("7.22.2-170", old.SoftwareVersion);
        Assert.Equal(ModuleManagementMode.ClusterUpload, await client.GetModuleManagementModeAsync(Ct));
    }

    [Fact]
    public async Task The_cluster_and_its_nodes_read_as_a_real_cluster_reports_them()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();

        ClusterInfo info = await client.GetClusterAsync(Ct);
        IReadOnlyList<NodeInfo> nodes = await client.ListNodesAsync(Ct);

        Assert.Equal((cluster.Endpoint.Port, (long?)40, (bool?)false), (info.RestApiPort!.Value, info.ModuleUploadMaxSizeMb, info.AllowModulesUpload));
        Assert.Equal([1, 2, 3], nodes.Select(n => n.Uid));
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], nodes.Select(n => n.Address!));
        Assert.All(nodes, n => Assert.Equal(("active", "8.2.0-25", "rhel", "9.4", "x86_64"), (n.Status, n.SoftwareVersion, n.OsName, n.OsSemanticVersion, n.Architecture)));
    }

    [Fact]
    public async Task Install_on_three_nodes_reaches_each_at_its_own_address_with_progress_per_node_and_switches_uploads_back_off()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        Assert.Empty(options.NodeEndpoints); // every node got the cluster's port: the default rule reaches them
        using var client = new RedisEnterpriseModulesClient(options);
        var finals = new ConcurrentDictionary<int, UploadProgress>();
        var progress = new Sync<UploadProgress>(p =>
        {
            if (p.BytesSent == p.TotalBytes) finals[p.NodeUid!.Value] = p;
        });

        ModuleInfo module = await client.UploadModuleAsync(Package(), new UploadModuleOptions { EnableModuleUploads = true, UploadProgress = progress }, Ct);

        Assert.Equal(("gears", "1.2.3"), (module.ModuleName, module.SemanticVersion));
        Assert.Contains(cluster.Modules, m => m.Uid == module.Uid);
        foreach (int node in new[] { 1, 2, 3 })
        {
            ModuleArtifact artifact = Assert.Single(cluster.NodeArtifacts(node));
            Assert.Equal(("gears", 10203L), (artifact.ModuleName, artifact.Version));
        }

        Assert.Equal([1, 2, 3], finals.Keys.Order());
        Assert.False(cluster.AllowModulesUpload);
        Assert.Equal(2, cluster.Requests.Count(r => r.Method == "PUT" && r.Path == "/v1/cluster" && r.StatusCode == 200)); // on, then off
        string[] hosts = cluster.Requests.Where(r => r.Method == "POST" && r.Path == "/v2/local/modules/user-defined/artifacts").Select(r => r.Headers["Host"].Split(':')[0]).Order().ToArray();
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], hosts);
        Assert.All(cluster.Requests.Where(r => r.Path == "/v2/local/modules/user-defined/artifacts" && r.Method == "POST"), r => Assert.Equal("100-continue", r.Headers["Expect"]));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_spooled_once_for_every_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();
        byte[] bytes = await File.ReadAllBytesAsync(Package("streamed"), Ct);
        var once = new ReadOnceStream(bytes);

        await client.UploadModuleAsync(once, "streamed.zip", cancellationToken: Ct);

        Assert.Equal(1, once.Passes);
        Assert.All(new[] { 1, 2, 3 }, node => Assert.Single(cluster.NodeArtifacts(node)));
    }

    [Fact]
    public async Task Uploads_switched_off_fail_before_any_byte_without_EnableModuleUploads_and_the_setting_stays_as_it_was()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();

        // The install's own guard; with the compatibility check on (the default) the check stops it first (CompatibilityCheckTests).
        var error = await Assert.ThrowsAsync<ModuleUploadDisabledException>(() => client.UploadModuleAsync(Package(), new UploadModuleOptions { CheckCompatibility = false }, Ct));

        Assert.Contains("EnableModuleUploads", error.Message, StringComparison.Ordinal);
        Assert.Contains("PUT /v1/cluster", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Requests, r => r.Method is "POST" or "PUT");
        Assert.False(cluster.AllowModulesUpload);
    }

    [Fact]
    public async Task Uploads_already_on_are_left_on_and_not_touched()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();

        await client.UploadModuleAsync(Package(), Enabled, Ct);

        Assert.True(cluster.AllowModulesUpload);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_node_that_fails_rolls_the_install_back_and_the_exception_names_each_nodes_outcome()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();
        cluster.FailNextArtifactUploadWith(2, "no_module", 400);
        int modulesBefore = cluster.Modules.Count;

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(Package(), Enabled, Ct));

        Assert.Equal([1, 2, 3], error.NodeResults.Select(r => r.NodeUid));
        Assert.Equal([true, false, true], error.NodeResults.Select(r => r.Succeeded));
        Assert.IsType<ModuleFileMissingException>(error.NodeResults[1].Exception);
        Assert.Equal("127.0.0.2", error.NodeResults[1].Address);
        Assert.True(error.IsRolledBack);
        Assert.False(error.ConfigurationLeftBehind);
        Assert.Contains("Rolled back", error.Message, StringComparison.Ordinal);
        Assert.Equal(("no_module", 400), (error.ErrorCode, error.Status));
        Assert.All(new[] { 1, 2, 3 }, node => Assert.Empty(cluster.NodeArtifacts(node)));
        Assert.Equal(modulesBefore, cluster.Modules.Count);
        Assert.False(cluster.AllowModulesUpload); // switched back off after a failed install too
    }

    [Fact]
    public async Task Cancelling_mid_install_rolls_back_what_reached_the_nodes_and_switches_uploads_back_off()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var options = new UploadModuleOptions
        {
            EnableModuleUploads = true,
            MaxParallelNodeUploads = 1,
            UploadProgress = new Sync<UploadProgress>(p =>
            {
                if (p.BytesSent == p.TotalBytes) cancel.Cancel(); // the first node has every byte
            }),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.UploadModuleAsync(Package(), options, cancel.Token));

        Assert.All(new[] { 1, 2, 3 }, node => Assert.Empty(cluster.NodeArtifacts(node)));
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "gears");
        Assert.False(cluster.AllowModulesUpload);
    }

    [Fact]
    public async Task MaxParallelNodeUploads_below_one_is_a_clear_error_before_anything_is_sent()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.UploadModuleAsync(Package(), new UploadModuleOptions { EnableModuleUploads = true, MaxParallelNodeUploads = 0 }, Ct));

        Assert.Contains("MaxParallelNodeUploads", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Requests, r => r.Method is "POST" or "PUT");
    }

    [Fact]
    public async Task A_package_for_another_os_is_refused_by_every_node_with_the_clusters_message_and_rolled_back()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();
        string package = Package("ubuntuonly", shape: b => b.WithModuleJsonProperty("operating_systems", new JsonArray("ubuntu22")));

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(package, Enabled, Ct));

        Assert.All(error.NodeResults, r => Assert.IsType<UnsupportedOperatingSystemException>(r.Exception));
        Assert.Contains("not compatible with this node's OS 'rhel9'", error.NodeResults[0].Exception!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "ubuntuonly");
    }

    [Fact]
    public async Task An_install_and_an_ensure_read_the_nodes_the_cluster_and_the_modules_once_each_the_checks_reads()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();
        await client.GetModuleManagementModeAsync(Ct); // the client's one detection, apart from the calls counted
        string package = Package();

        int before = cluster.Requests.Count;
        await client.UploadModuleAsync(package, Enabled, Ct);
        Assert.Equal((1, 1, 1, 1), Reads(cluster.Requests.Skip(before)));

        cluster.AddNode();
        before = cluster.Requests.Count;
        EnsureModuleResult repaired = await client.EnsureModuleInstalledAsync(package, Enabled, Ct);
        Assert.Single(repaired.RepairedNodes);
        Assert.Equal((1, 1, 1, 1), Reads(cluster.Requests.Skip(before)));

        before = cluster.Requests.Count;
        EnsureModuleResult installed = await client.EnsureModuleInstalledAsync(Package("ensured"), Enabled, Ct);
        Assert.True(installed.WasUploaded);
        Assert.Equal((1, 1, 1, 1), Reads(cluster.Requests.Skip(before)));

        // With the check off the install reads the nodes and the cluster itself, once, and has no need of the modules or databases.
        before = cluster.Requests.Count;
        await client.UploadModuleAsync(Package("other"), new UploadModuleOptions { EnableModuleUploads = true, CheckCompatibility = false }, Ct);
        Assert.Equal((1, 1, 0, 0), Reads(cluster.Requests.Skip(before)));

        // Only the check reads the databases: their count shows it ran.
        static (int Nodes, int Cluster, int Modules, int Databases) Reads(IEnumerable<FakeClusterRequest> requests)
        {
            List<FakeClusterRequest> gets = requests.Where(r => r.Method == "GET").ToList();
            return (gets.Count(r => r.Path == "/v1/nodes"), gets.Count(r => r.Path == "/v1/cluster"), gets.Count(r => r.Path == "/v1/modules"), gets.Count(r => r.Path == "/v1/bdbs"));
        }
    }

    [Fact]
    public async Task An_ensure_that_loses_the_race_to_create_the_configuration_lists_the_modules_anew_and_finds_it()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = Package();
        using var other = cluster.CreateClient();
        ModuleInfo? theirs = null;
        // Another process installs the same package between this ensure's look at the modules and its own create.
        using var race = new BeforeFirst(HttpMethod.Post, "/v2/modules/user-defined", async () => theirs = await other.UploadModuleAsync(package, Enabled, Ct))
        {
            InnerHandler = TestSupport.Trusting(cluster),
        };
        using var http = new HttpClient(race);
        using var client = new RedisEnterpriseModulesClient(http, cluster.CreateClientOptions());
        await client.GetModuleManagementModeAsync(Ct);
        int before = cluster.Requests.Count;

        EnsureModuleResult result = await client.EnsureModuleInstalledAsync(package, Enabled, Ct);

        Assert.False(result.WasUploaded);
        Assert.Empty(result.RepairedNodes);
        Assert.Equal(theirs!.Uid, result.Module.Uid);
        Assert.Single(cluster.Modules, m => m.ModuleName == "gears");
        Assert.Contains(cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/modules/user-defined" && r.StatusCode >= 400); // the lost race
        // Its own list, the other install's check, and the list after the race (the first no longer holds the module).
        Assert.Equal(3, cluster.Requests.Skip(before).Count(r => r.Method == "GET" && r.Path == "/v1/modules"));
    }

    /// <summary>Runs <c>work</c> once, before the first request of that method and path goes on.</summary>
    private sealed class BeforeFirst(HttpMethod method, string path, Func<Task> work) : DelegatingHandler
    {
        private int _ran;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == method && request.RequestUri?.AbsolutePath == path && Interlocked.Exchange(ref _ran, 1) == 0) await work();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Ensure_repairs_a_node_that_joined_later_and_then_finds_nothing_to_do()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();
        string package = Package();
        EnsureModuleResult first = await client.EnsureModuleInstalledAsync(package, Enabled, Ct);
        NodeInfo joined = cluster.AddNode();

        EnsureModuleResult repaired = await client.EnsureModuleInstalledAsync(package, Enabled, Ct);
        EnsureModuleResult again = await client.EnsureModuleInstalledAsync(package, Enabled, Ct);

        Assert.True(first.WasUploaded);
        Assert.Empty(first.RepairedNodes);
        Assert.False(repaired.WasUploaded);
        Assert.Equal(4, Assert.Single(repaired.RepairedNodes).Uid);
        Assert.Equal(4, joined.Uid);
        Assert.Single(cluster.NodeArtifacts(4));
        Assert.Equal(first.Module.Uid, repaired.Module.Uid);
        Assert.Empty(again.RepairedNodes);
        Assert.False(again.WasUploaded);
        Assert.False(cluster.AllowModulesUpload);
    }

    [Fact]
    public async Task Delete_removes_the_configuration_then_every_nodes_package_and_a_node_that_lacks_it_is_fine()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();
        ModuleInfo module = await client.UploadModuleAsync(Package(), cancellationToken: Ct);
        NodeInfo second = (await client.ListNodesAsync(Ct))[1];
        await client.DeleteModuleArtifactAsync(second, "gears", module.Version!.Value, Ct);

        ActionOperation operation = await client.StartDeleteModuleAsync(module.Uid, Ct);

        Assert.Equal(string.Empty, operation.ActionUid);
        Assert.True(operation.HasCompleted);
        Assert.Equal(ActionStatus.Completed, (await operation.WaitForCompletionAsync(Ct)).Status);
        Assert.DoesNotContain(cluster.Modules, m => m.Uid == module.Uid);
        Assert.All(new[] { 1, 2, 3 }, node => Assert.Empty(cluster.NodeArtifacts(node)));
    }

    [Fact]
    public async Task A_module_a_database_uses_is_not_deleted_from_the_configuration_or_any_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();
        ModuleInfo module = await client.UploadModuleAsync(Package(), cancellationToken: Ct);
        cluster.MarkModuleInUse(module.Uid);

        await Assert.ThrowsAsync<ModuleInUseException>(() => client.DeleteModuleAsync(module.Uid, Ct));

        Assert.Contains(cluster.Modules, m => m.Uid == module.Uid);
        Assert.All(new[] { 1, 2, 3 }, node => Assert.Single(cluster.NodeArtifacts(node)));
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "DELETE" && r.Path.StartsWith("/v2/local/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_form_of_an_upload_returns_an_operation_that_has_completed_with_the_module()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();

        ModuleOperation operation = await client.StartUploadModuleAsync(Package(), cancellationToken: Ct);

        Assert.Equal(string.Empty, operation.ActionUid);
        Assert.True(operation.HasCompleted);
        ModuleInfo module = await operation.WaitForModuleAsync(Ct);
        Assert.Equal(operation.ModuleUid, module.Uid);
        Assert.DoesNotContain(cluster.Requests, r => r.Path.Contains("/actions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeEndpoints_decide_where_a_node_is_reached()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        options.NodeEndpoints[3] = new Uri($"https://127.0.0.2:{cluster.Endpoint.Port}"); // on purpose: node 3 by node 2's address
        using var client = new RedisEnterpriseModulesClient(options);

        await client.UploadModuleAsync(Package(), cancellationToken: Ct);

        Assert.Single(cluster.NodeArtifacts(1));
        Assert.Single(cluster.NodeArtifacts(2));
        Assert.Empty(cluster.NodeArtifacts(3));
    }

    [Fact]
    public async Task The_workflow_gives_each_request_a_span_tagged_with_its_node_and_no_log_span_or_exception_holds_the_password()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        var log = new LogLines();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RedisEnterpriseModulesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        options.LoggerFactory = logging;
        using var client = new RedisEnterpriseModulesClient(options);
        cluster.FailNextArtifactUploadWith(3, "invalid_module", 406);
        using Activity root = new Activity("this test").Start(); // the listener hears every test running in parallel: this test's spans share its trace

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(Package(), Enabled, Ct));
        await client.UploadModuleAsync(Package(), Enabled, Ct);

        string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cluster.Username}:{cluster.Password}"));
        var texts = new List<string> { error.ToString(), error.Message };
        texts.AddRange(error.NodeResults.Select(r => r.ToString()));
        texts.AddRange(log.Lines.Select(l => l.Text));
        texts.AddRange(spans.SelectMany(s => s.Tags.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty)));
        Assert.All(texts, text => Assert.DoesNotContain(cluster.Password, text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));

        Activity[] uploads = spans.Where(s => s.OperationName == "UploadModuleArtifact" && s.TraceId == root.TraceId).ToArray();
        Assert.Equal(6, uploads.Length);
        Assert.Equal([1, 1, 2, 2, 3, 3], uploads.Select(s => Convert.ToInt32(s.GetTagItem(RedisEnterpriseModulesTelemetry.NodeUidTag), System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Contains(log.Lines, l => l.Text.Contains("/v2/local/modules/user-defined/artifacts on node 2 (127.0.0.2", StringComparison.Ordinal));
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>A stream that can be read from start to end once and cannot seek, like a network body.</summary>
    private sealed class ReadOnceStream(byte[] bytes) : Stream
    {
        private int _position;

        internal int Passes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == 0) Passes++;
            int read = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
