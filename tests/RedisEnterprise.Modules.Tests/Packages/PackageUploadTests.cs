namespace RedisEnterprise.Modules.Tests.Packages;

/// <summary>Validation before upload, and the idempotent install.</summary>
public sealed class PackageUploadTests : IDisposable
{
    private const string ModuleUid = "98f255d5d33704c8e4e97897fd92e32d";
    private readonly MockCluster _cluster = MockCluster.Start();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("package-upload");

    public void Dispose()
    {
        _cluster.Dispose();
        _folder.Delete(recursive: true);
    }

    private string Write(TestPackages package)
    {
        string path = Path.Combine(_folder.FullName, $"pkg-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, package.ToBytes());
        return path;
    }

    private string Name => (string)TestPackages.Valid().Metadata["module_name"]!;

    private string SemVer => (string)TestPackages.Valid().Metadata["semantic_version"]!;

    private RedisEnterpriseModulesClient Client() => _cluster.CreateClient(o => o.PollingInterval = TimeSpan.FromMilliseconds(1));

    private void ClusterAccepts()
    {
        _cluster.Given("POST", "/v2/modules", 200, $$"""{"uid":"{{ModuleUid}}","action_uid":"a1","module_name":"{{Name}}","semantic_version":"{{SemVer}}"}""");
        _cluster.Given("GET", "/v1/actions/a1", 200, """{"action_uid":"a1","status":"completed"}""");
        _cluster.Given("GET", $"/v1/modules/{ModuleUid}", 200, $$"""{"uid":"{{ModuleUid}}","module_name":"{{Name}}","semantic_version":"{{SemVer}}"}""");
    }

    private int Posts => _cluster.Received.Count(e => e.RequestMessage!.Method == "POST");

    /// <summary>The cluster's module list with the package's module installed.</summary>
    private string InstalledList => $$"""[{"uid":"{{ModuleUid}}","module_name":"{{Name}}","semantic_version":"{{SemVer}}"}]""";

    /// <summary>Ensures the valid package is installed and asserts whether it was uploaded, the module it names, and the POSTs sent.</summary>
    private async Task AssertEnsuredAsync(bool uploaded, int posts)
    {
        using var client = Client();
        EnsureModuleResult result = await client.EnsureModuleInstalledAsync(Write(TestPackages.Valid()));
        Assert.Equal(uploaded, result.WasUploaded);
        Assert.Equal(ModuleUid, result.Module.Uid);
        Assert.Equal(posts, Posts);
    }

    [Fact]
    public async Task An_invalid_package_is_refused_before_a_single_byte_is_sent()
    {
        string path = Write(TestPackages.Valid().Remove("module_name").Set("architecture", "sparc"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.StartUploadModuleAsync(path));

        Assert.Contains(error.Validation.Problems, p => p.Code == "module_name_missing");
        Assert.Contains(error.Validation.Problems, p => p.Code == "module_architecture_not_supported");
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task A_valid_package_is_validated_then_uploaded_whole()
    {
        ClusterAccepts();
        string path = Write(TestPackages.Valid());
        using var client = Client();
        await client.StartUploadModuleAsync(path);
        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/modules").RequestMessage!, Path.GetFileName(path), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Streams_are_validated_only_when_asked()
    {
        ClusterAccepts();
        byte[] broken = TestPackages.Valid().Without("module.json").ToBytes();
        using var client = Client();
        await client.StartUploadModuleAsync(new MemoryStream(broken), "m.zip");
        Assert.Equal(1, Posts);
        await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.StartUploadModuleAsync(new MemoryStream(broken), "m.zip", new UploadModuleOptions { Validate = true }));
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task A_stream_at_an_offset_is_validated_and_sent_from_that_offset()
    {
        ClusterAccepts();
        byte[] zip = TestPackages.Valid().ToBytes();
        using var stream = new MemoryStream([.. TestPackages.Pattern(100, seed: 4), .. zip], writable: false) { Position = 100 };
        using var client = Client();

        await client.StartUploadModuleAsync(stream, "m.zip", new UploadModuleOptions { Validate = true });

        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/modules").RequestMessage!, "m.zip", zip);
    }

    [Fact]
    public async Task A_stream_positioned_inside_a_zip_is_refused_before_a_single_byte_is_sent()
    {
        using MemoryStream stream = TestPackages.Valid().ToStream();
        stream.Position = 100;
        using var client = Client();

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.StartUploadModuleAsync(stream, "m.zip", new UploadModuleOptions { Validate = true }));

        Assert.Contains(error.Validation.Problems, p => p.Code == ModulePackageProblemCodes.NotAZip);
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task Ensure_uploads_when_absent()
    {
        ClusterAccepts();
        _cluster.Given("GET", "/v1/modules", 200, """[{"uid":"other","module_name":"bf","semantic_version":"2.8.7"}]""");
        await AssertEnsuredAsync(uploaded: true, posts: 1);
    }

    [Fact]
    public async Task Ensure_sends_no_post_when_present()
    {
        _cluster.Given("GET", "/v1/modules", 200, InstalledList);
        await AssertEnsuredAsync(uploaded: false, posts: 0);
    }

    [Fact]
    public async Task Ensure_reads_as_the_module_where_only_the_module_is_wanted()
    {
        // The issue's own line: ModuleInfo m = await client.EnsureModuleInstalledAsync("path/to/module.zip", options, ct);
        _cluster.Given("GET", "/v1/modules", 200, InstalledList);
        using var client = Client();
        ModuleInfo m = await client.EnsureModuleInstalledAsync(Write(TestPackages.Valid()), new UploadModuleOptions(), TestContext.Current.CancellationToken);
        Assert.Equal(ModuleUid, m.Uid);
        Assert.Equal(Name, m.ModuleName);
    }

    [Fact]
    public async Task Ensure_treats_a_module_exists_race_as_success()
    {
        _cluster.AnswerInTurn("/v1/modules", MockCluster.Answer(200, "[]"), MockCluster.Answer(200, InstalledList)); // another client installed it meanwhile
        _cluster.Given("POST", "/v2/modules", 400, """{"error_code":"module_exists","message":"Module already in system"}""");

        await AssertEnsuredAsync(uploaded: false, posts: 1);
    }

    [Fact]
    public async Task Module_exists_names_the_module_and_version_of_the_package()
    {
        _cluster.Given("POST", "/v2/modules", 400, """{"error_code":"module_exists","message":"Module already exists"}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<ModuleAlreadyExistsException>(() => client.StartUploadModuleAsync(Write(TestPackages.Valid())));

        Assert.Equal(Name, error.ModuleName);
        Assert.Equal(SemVer, error.SemanticVersion);
        Assert.Equal("module_exists", error.ErrorCode);
        Assert.Equal("/v2/modules", error.Path);
    }
}
