using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Codes = RedisEnterprise.Modules.ModuleCompatibilityIssueCodes;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>
/// The compatibility check against the simulated cluster: each check tripped by a package built for it, the check sending
/// nothing but GETs, and the uploads that run it stopping before any byte of the package is sent.
/// </summary>
public class CompatibilityCheckTests
{
    private const string Gears = "gears";

    private static FakeClusterOptions UploadsOn(string softwareVersion = "8.2.0-25") => new() { SoftwareVersion = softwareVersion, AllowModulesUpload = true };

    private static string Package(Action<ModulePackageBuilder>? shape = null, string version = "1.2.3")
    {
        var builder = new ModulePackageBuilder(Gears, version);
        shape?.Invoke(builder);
        return builder.WriteToTempFile();
    }

    private static void OnlyUbuntu(ModulePackageBuilder package) => package.WithModuleJsonProperty("os_list", new JsonArray("ubuntu22.04"));

    private static void ForRedis74(ModulePackageBuilder package) => package.WithModuleJsonProperty("min_redis_version", "7.4.0");

    private static string[] Codes_(IEnumerable<ModuleCompatibilityIssue> issues) => issues.Select(i => i.Code).ToArray();

    private static void AssertOnlyGets(FakeRedisEnterpriseCluster cluster) =>
        Assert.All(cluster.Requests, r => Assert.Equal("GET", r.Method));

    [Theory]
    [InlineData("8.2.0-25")]
    [InlineData(Legacy72)]
    public async Task A_package_that_fits_is_compatible_and_the_check_sends_only_GETs(string softwareVersion)
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn(softwareVersion));
        using var client = cluster.CreateClient();
        string path = Package();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(path, Ct);

        Assert.True(report.IsCompatible, report.ToString());
        Assert.Empty(report.Problems);
        Assert.Empty(report.Warnings);
        Assert.Equal((Gears, "1.2.3", Path.GetFileName(path)), (report.Package!.ModuleName, report.Package.SemanticVersion, report.FileName));
        Assert.Null(report.AlreadyInstalled);
        AssertOnlyGets(cluster);
        Assert.Equal(["/v1/bdbs", "/v1/cluster", "/v1/modules", "/v1/nodes"], cluster.Requests.Select(r => r.Path).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_package_for_another_OS_is_a_problem_on_every_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(OnlyUbuntu), Ct);

        Assert.False(report.IsCompatible);
        Assert.All(report.Problems, p => Assert.Equal(Codes.OsNotSupported, p.Code));
        Assert.Equal([1, 2, 3], report.Problems.Select(p => p.NodeUid!.Value));
        Assert.Contains("ubuntu22.04", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("rhel9", report.Problems[0].Message, StringComparison.Ordinal);
        AssertOnlyGets(cluster);
    }

    [Fact]
    public async Task A_package_for_another_architecture_is_a_problem_on_every_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(p => p.WithModuleJsonProperty("architecture", "aarch64")), Ct);

        Assert.Equal([Codes.ArchitectureMismatch, Codes.ArchitectureMismatch, Codes.ArchitectureMismatch], Codes_(report.Problems));
        Assert.Equal("Node 1 is x86_64; the package is built for aarch64.", report.Problems[0].Message);
    }

    [Fact]
    public async Task A_cluster_older_than_min_redis_pack_version_is_a_problem()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(p => p.WithMinRedisPackVersion("8.4.0")), Ct);

        Assert.Equal([Codes.ClusterVersionTooOld, Codes.ClusterVersionTooOld, Codes.ClusterVersionTooOld], Codes_(report.Problems));
        Assert.Contains("8.2.0-25", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("8.4.0", report.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_off_on_8_2_are_a_problem_and_a_warning_for_an_upload_that_enables_them()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(); // 8.2: allow_modules_upload is false
        using var client = cluster.CreateClient();
        string path = Package();

        ModuleCompatibilityReport plain = await client.CheckModuleCompatibilityAsync(path, Ct);
        ModuleCompatibilityReport enabling = await client.CheckModuleCompatibilityAsync(path, new UploadModuleOptions { EnableModuleUploads = true }, Ct);

        Assert.Equal([Codes.ModulesUploadDisabled], Codes_(plain.Problems));
        Assert.True(enabling.IsCompatible);
        Assert.Equal([Codes.ModulesUploadDisabled], Codes_(enabling.Warnings));
        Assert.False(cluster.AllowModulesUpload);
        AssertOnlyGets(cluster);
    }

    [Fact]
    public async Task An_invalid_package_reports_the_validation_codes()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(p => p.WithoutModuleJsonProperty("module_name")), Ct);

        Assert.Contains(ModulePackageProblemCodes.ModuleNameMissing, Codes_(report.Problems));
        Assert.False(report.IsCompatible);
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_reported_not_thrown()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        string path = Path.Combine(Path.GetDirectoryName(Package())!, "junk.zip");
        await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes("not a zip at all"), Ct);

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(path, Ct);

        Assert.Null(report.Package);
        Assert.Equal([ModulePackageProblemCodes.NotAZip], Codes_(report.Problems));
    }

    [Fact]
    public async Task A_missing_file_a_blank_path_and_a_stream_that_cannot_seek_are_refused_before_any_request()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        string missing = Path.Combine(Path.GetDirectoryName(Package())!, "missing.zip");

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.CheckModuleCompatibilityAsync(missing, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CheckModuleCompatibilityAsync(" ", Ct));
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CheckModuleCompatibilityAsync(new UnseekableStream(), "gears.zip", Ct));

        Assert.Contains("seekable", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Requests);
    }

    private sealed class UnseekableStream() : MemoryStream([1, 2, 3])
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_package_larger_than_module_upload_max_size_mb_is_a_warning()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn()); // module_upload_max_size_mb 40
        using var client = cluster.CreateClient();
        byte[] incompressible = new byte[41 * 1024 * 1024];
        new Random(17).NextBytes(incompressible);

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(p => p.WithPayload(incompressible)), Ct);

        Assert.True(report.IsCompatible);
        Assert.Equal([Codes.LargerThanUploadLimit], Codes_(report.Warnings));
        Assert.Contains("(40 MB)", report.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_installed_version_is_a_warning_naming_the_module()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        string path = Package();
        ModuleInfo installed = await client.UploadModuleAsync(path, cancellationToken: Ct);

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(path, Ct);

        Assert.True(report.IsCompatible);
        Assert.Equal(installed.Uid, report.AlreadyInstalled?.Uid);
        Assert.Equal([Codes.AlreadyInstalled], Codes_(report.Warnings));
    }

    [Fact]
    public async Task Nodes_on_mixed_versions_are_a_warning()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        cluster.AddNode("8.0.0-1");
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(), Ct);

        ModuleCompatibilityIssue mixed = Assert.Single(report.Warnings);
        Assert.Equal(Codes.MixedNodeVersions, mixed.Code);
        Assert.Contains("8.0.0-1 on node(s) 4", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_no_database_can_load_is_a_warning_and_one_that_fits_names_the_databases()
    {
        var options = UploadsOn();
        options.Databases.Add(new FakeDatabase("orders", "7.4"));
        options.Databases.Add(new FakeDatabase("cache", "8.0"));
        await using var cluster = FakeRedisEnterpriseCluster.Start(options);
        using var client = cluster.CreateClient();

        ModuleCompatibilityReport forRedis6 = await client.CheckModuleCompatibilityAsync(Package(), Ct); // min_redis_version 6.0.0
        ModuleCompatibilityReport forRedis84 = await client.CheckModuleCompatibilityAsync(Package(p => p.WithModuleJsonProperty("compatible_redis_version", "8.4")), Ct);
        ModuleCompatibilityReport forRedis74 = await client.CheckModuleCompatibilityAsync(Package(ForRedis74), Ct);

        Assert.Equal([Codes.NoCompatibleDatabase], Codes_(forRedis6.Warnings));
        Assert.Equal([Codes.NoCompatibleDatabase], Codes_(forRedis84.Warnings));
        Assert.Contains("Redis 8.4 only", forRedis84.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Empty(forRedis6.DatabasesThatCanUse);
        Assert.Empty(forRedis74.Warnings);
        Assert.Equal(["orders"], forRedis74.DatabasesThatCanUse.Select(d => d.Name!));
    }

    [Fact]
    public async Task A_database_on_an_older_version_is_an_upgrade_candidate()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        await client.UploadModuleAsync(Package(ForRedis74, version: "1.2.2"), cancellationToken: Ct);
        cluster.AddDatabase(new FakeDatabase("orders", "7.4").WithModule(Gears, "1.2.2"));
        cluster.AddDatabase(new FakeDatabase("sessions", "7.4"));

        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(Package(ForRedis74), Ct);

        Assert.Equal(["orders"], report.UpgradeCandidates.Select(d => d.Name!));
        Assert.Equal(["orders", "sessions"], report.DatabasesThatCanUse.Select(d => d.Name!));
    }

    [Fact]
    public async Task The_stream_overload_reports_the_same_and_leaves_the_stream_where_it_was()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        string path = Package(OnlyUbuntu);
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]); // the package starts after these
        stream.Write(await File.ReadAllBytesAsync(path, Ct));
        stream.Position = 3;

        ModuleCompatibilityReport fromStream = await client.CheckModuleCompatibilityAsync(stream, "gears.zip", Ct);
        ModuleCompatibilityReport fromPath = await client.CheckModuleCompatibilityAsync(path, Ct);

        Assert.Equal(3, stream.Position);
        Assert.Equal("gears.zip", fromStream.FileName);
        Assert.Equal(fromPath.Problems, fromStream.Problems);
        Assert.Equal(fromPath.Warnings, fromStream.Warnings);
    }

    public static TheoryData<string, string> UploadCalls() => new()
    {
        { "8.2.0-25", "UploadModuleAsync" }, { "8.2.0-25", "StartUploadModuleAsync" }, { "8.2.0-25", "EnsureModuleInstalledAsync" },
        { Legacy72, "UploadModuleAsync" }, { Legacy72, "StartUploadModuleAsync" }, { Legacy72, "EnsureModuleInstalledAsync" },
    };

    private static Task Upload(RedisEnterpriseModulesClient client, string call, string path, UploadModuleOptions? options = null) => call switch
    {
        "UploadModuleAsync" => client.UploadModuleAsync(path, options, Ct),
        "StartUploadModuleAsync" => client.StartUploadModuleAsync(path, options, Ct),
        _ => client.EnsureModuleInstalledAsync(path, options, Ct),
    };

    [Theory]
    [MemberData(nameof(UploadCalls))]
    public async Task An_upload_of_a_package_with_a_problem_throws_the_report_before_any_byte_is_sent(string softwareVersion, string call)
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn(softwareVersion));
        using var client = cluster.CreateClient();

        var error = await Assert.ThrowsAsync<ModuleCompatibilityException>(() => Upload(client, call, Package(OnlyUbuntu), new UploadModuleOptions { EnableModuleUploads = true }));

        Assert.Equal([Codes.OsNotSupported, Codes.OsNotSupported, Codes.OsNotSupported], Codes_(error.Report.Problems));
        Assert.Contains("[os_not_supported] Node 1", error.Message, StringComparison.Ordinal);
        AssertOnlyGets(cluster);
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == Gears);
    }

    [Fact]
    public async Task Uploads_off_stop_an_upload_with_the_report_before_anything_is_sent_and_the_setting_stays()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();

        var error = await Assert.ThrowsAsync<ModuleCompatibilityException>(() => client.UploadModuleAsync(Package(), cancellationToken: Ct));

        Assert.Equal([Codes.ModulesUploadDisabled], Codes_(error.Report.Problems));
        Assert.Contains("EnableModuleUploads", error.Message, StringComparison.Ordinal);
        AssertOnlyGets(cluster);
        Assert.False(cluster.AllowModulesUpload);
    }

    [Fact]
    public async Task A_stream_is_not_checked_unless_asked()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();
        byte[] zip = await File.ReadAllBytesAsync(Package(OnlyUbuntu), Ct);

        // Unchecked, the nodes refuse it (and the install is rolled back); checked, nothing is sent.
        await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(new MemoryStream(zip), "gears.zip", cancellationToken: Ct));
        Assert.Contains(cluster.Requests, r => r.Method == "POST");
        int before = cluster.Requests.Count;
        await Assert.ThrowsAsync<ModuleCompatibilityException>(() => client.UploadModuleAsync(new MemoryStream(zip), "gears.zip", new UploadModuleOptions { CheckCompatibility = true }, Ct));

        Assert.All(cluster.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task A_path_upload_with_the_check_switched_off_reaches_the_nodes()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        using var client = cluster.CreateClient();

        await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(Package(OnlyUbuntu), new UploadModuleOptions { CheckCompatibility = false }, Ct));

        Assert.Contains(cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/local/modules/user-defined/artifacts" && r.StatusCode == 400);
    }

    [Fact]
    public async Task An_ensure_that_finds_the_module_on_every_node_sends_nothing_and_needs_no_upload_setting()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(); // 8.2, uploads off
        using var client = cluster.CreateClient();
        string path = Package();
        await client.UploadModuleAsync(path, new UploadModuleOptions { EnableModuleUploads = true }, Ct);

        EnsureModuleResult result = await client.EnsureModuleInstalledAsync(path, cancellationToken: Ct); // no check: nothing to send

        Assert.False(result.WasUploaded);
        Assert.Empty(result.RepairedNodes);
    }

    [Fact]
    public async Task An_ensure_that_must_repair_a_node_checks_first_and_sends_nothing_on_a_problem()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(); // 8.2, uploads off
        using var client = cluster.CreateClient();
        string path = Package();
        await client.UploadModuleAsync(path, new UploadModuleOptions { EnableModuleUploads = true }, Ct);
        NodeInfo joined = cluster.AddNode();
        int before = cluster.Requests.Count;

        var error = await Assert.ThrowsAsync<ModuleCompatibilityException>(() => client.EnsureModuleInstalledAsync(path, cancellationToken: Ct));

        Assert.Equal([Codes.ModulesUploadDisabled], Codes_(error.Report.Problems));
        Assert.Equal([Codes.AlreadyInstalled], Codes_(error.Report.Warnings));
        Assert.All(cluster.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
        Assert.Empty(cluster.NodeArtifacts(joined.Uid));
    }

    [Fact]
    public async Task An_upload_logs_the_checks_warnings_and_goes_on()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(UploadsOn());
        cluster.AddNode("8.2.0-30");
        var log = new LogLines();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(log));
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        options.LoggerFactory = logging;
        using var client = new RedisEnterpriseModulesClient(options);

        await client.UploadModuleAsync(Package(), cancellationToken: Ct);

        (LogLevel level, string text) = Assert.Single(log.Lines, l => l.Text.StartsWith("Compatibility check:", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("[mixed_node_versions]", text, StringComparison.Ordinal);
        Assert.All(log.Lines, l => Assert.DoesNotContain(cluster.Password, l.Text, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 4), node => Assert.Single(cluster.NodeArtifacts(node)));
    }

    [Fact]
    public async Task A_compatible_upload_goes_through_with_its_check()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using var client = cluster.CreateClient();

        ModuleInfo module = await client.UploadModuleAsync(Package(), new UploadModuleOptions { EnableModuleUploads = true }, Ct);

        Assert.Equal(Gears, module.ModuleName);
        int firstSend = cluster.Requests.ToList().FindIndex(r => r.Method != "GET");
        Assert.Contains(cluster.Requests.Take(firstSend), r => r.Path == "/v1/bdbs"); // the check's reads came first
        Assert.All(new[] { 1, 2, 3 }, node => Assert.Single(cluster.NodeArtifacts(node)));
    }
}
