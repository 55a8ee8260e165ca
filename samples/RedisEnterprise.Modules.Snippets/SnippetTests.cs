using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>Runs the snippets that can run against the simulated cluster, so what the docs say they do stays true.</summary>
public sealed class SnippetTests : IAsyncDisposable
{
    // The 7.22 line: these snippets follow actions, which only the cluster-wide upload of 7.x has.
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170" });
    private readonly string _folder = Directory.CreateTempSubdirectory("snippet-tests").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Package(ModulePackageBuilder builder) => builder.WriteTo(Path.Combine(_folder, builder.FileName));

    [Fact]
    public async Task Errors_a_missing_file_is_FileNotFoundException_and_nothing_is_sent()
    {
        using var client = _cluster.CreateClient();

        string outcome = await ErrorHandling.UploadAsync(client, Path.Combine(_folder, "missing.zip"));

        Assert.Equal("no such file, nothing sent", outcome);
        Assert.DoesNotContain(_cluster.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Errors_a_bad_package_is_ModulePackageValidationException_and_nothing_is_sent()
    {
        using var client = _cluster.CreateClient();

        string outcome = await ErrorHandling.UploadAsync(client, Package(new ModulePackageBuilder("broken", "1.0.0").WithoutModuleJsonProperty("module_name")));

        Assert.StartsWith("bad package, not installed:", outcome, StringComparison.Ordinal);
        Assert.Contains(ModulePackageProblemCodes.ModuleNameMissing, outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Errors_module_exists_and_a_failed_action_have_their_own_types()
    {
        using var client = _cluster.CreateClient();
        string package = Package(new ModulePackageBuilder("twice", "1.0.0"));
        Assert.StartsWith("installed twice 1.0.0", await ErrorHandling.UploadAsync(client, package), StringComparison.Ordinal);

        Assert.Equal("the cluster already has this version", await ErrorHandling.UploadAsync(client, package));

        _cluster.FailNextActionWith("insufficient_resources", "not enough memory");
        Assert.Equal(
            "the cluster took the package, then its action ended failed: insufficient_resources",
            await ErrorHandling.UploadAsync(client, Package(new ModulePackageBuilder("failing", "1.0.0"))));
    }

    [Fact]
    public async Task Errors_an_unreachable_cluster_is_RedisEnterpriseConnectionException()
    {
        RedisEnterpriseModulesClientOptions options = _cluster.CreateClientOptions();
        await _cluster.DisposeAsync();
        using var client = new RedisEnterpriseModulesClient(options);

        string outcome = await ErrorHandling.UploadAsync(client, Package(new ModulePackageBuilder("unreached", "1.0.0")));

        Assert.StartsWith("could not reach the cluster:", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_Redis_Software_8_answers_405_to_an_upload()
    {
        await using var cluster8 = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "8.0.0-1" });
        RedisEnterpriseModulesClientOptions options = cluster8.CreateClientOptions();
        options.ModuleManagement = ModuleManagementMode.ClusterUpload; // a client held to the 7.x requests
        using var client = new RedisEnterpriseModulesClient(options);

        string outcome = await ErrorHandling.UploadAsync(client, Package(new ModulePackageBuilder("eight", "1.0.0")));

        Assert.StartsWith("POST /v2/modules answered 405", outcome, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModuleManagementNotSupportedException>(() => client.UploadModuleAsync(Package(new ModulePackageBuilder("eight", "1.0.0")), cancellationToken: Ct));
        Assert.NotEmpty(await client.ListModulesAsync(Ct)); // reads still work
    }

    [Fact]
    public async Task Long_running_an_upload_is_resumed_from_the_stored_uids()
    {
        using var client = _cluster.CreateClient();
        string state = Path.Combine(_folder, "pending-upload");

        ModuleInfo module = await LongRunningOperations.UploadAndResumeAsync(client, Package(new ModulePackageBuilder("resumed", "1.2.3")), state, Ct);

        Assert.Equal(("resumed", "1.2.3"), (module.ModuleName, module.SemanticVersion));
        Assert.Contains(_cluster.Modules, m => m.Uid == module.Uid);
        Assert.Equal(2, (await File.ReadAllLinesAsync(state, Ct)).Length);
    }

    [Fact]
    public async Task Compatibility_check_says_whether_the_cluster_takes_the_package_and_sends_only_GETs()
    {
        await using var cluster8 = FakeRedisEnterpriseCluster.Start(); // 8.2, uploads off: a warning, as the snippet enables them
        using var client = cluster8.CreateClient();

        bool fits = await CompatibilityCheck.CheckAsync(client, Package(new ModulePackageBuilder("checked", "1.0.0")), Ct);
        bool arm = await CompatibilityCheck.CheckAsync(client, Package(new ModulePackageBuilder("arm", "1.0.0").WithModuleJsonProperty("architecture", "aarch64")), Ct);

        Assert.True(fits);
        Assert.False(arm);
        Assert.All(cluster8.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Dependency_injection_resolves_the_default_and_the_named_client()
    {
        string ca = Path.Combine(_folder, "cluster-ca.pem");
        await File.WriteAllTextAsync(ca, _cluster.Certificate.ExportCertificatePem(), Ct);
        string[] settings = ["RedisEnterprise", "Clusters:eu"];
        string[] args = settings.SelectMany(section => new[]
        {
            $"--{section}:Endpoint={_cluster.Endpoint}",
            $"--{section}:Username={_cluster.Username}",
            $"--{section}:Password={_cluster.Password}",
            $"--{section}:TrustedCertificatesPath={ca}",
        }).ToArray();

        using IHost host = DependencyInjection.CreateBuilder(args).Build();

        var client = host.Services.GetRequiredService<IRedisEnterpriseModulesClient>();
        var eu = host.Services.GetRequiredKeyedService<IRedisEnterpriseModulesClient>("eu-cluster");
        Assert.Equal((await client.ListModulesAsync(Ct)).Count, (await eu.ListModulesAsync(Ct)).Count);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is ModuleReport);
    }
}
