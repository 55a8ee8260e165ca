using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules.Tests.DependencyInjection;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly MockCluster _eu = MockCluster.Start();
    private readonly MockCluster _us = MockCluster.Start();

    public DependencyInjectionTests()
    {
        _eu.Given("GET", "/v1/modules", 200, """[{"uid":"eu1","module_name":"search"}]""");
        _us.Given("GET", "/v1/modules", 200, """[{"uid":"us1","module_name":"bf"}]""");
    }

    public void Dispose()
    {
        _eu.Dispose();
        _us.Dispose();
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>Starts a host whose configuration is <paramref name="settings"/>; its client options must fail validation.</summary>
    private static async Task<OptionsValidationException> StartupFailureAsync(params (string Key, string? Value)[] settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddRedisEnterpriseModulesClient(Config(settings).GetSection("RedisEnterprise"));
        using IHost host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    private (string, string?)[] ClusterSettings(string prefix, MockCluster cluster) =>
    [
        ($"{prefix}:Endpoint", cluster.Endpoint.ToString()),
        ($"{prefix}:Username", MockCluster.Username),
        ($"{prefix}:Password", MockCluster.Password),
        ($"{prefix}:AllowInsecureHttp", "true"),
    ];

    [Fact]
    public async Task The_default_client_binds_from_configuration_and_talks_to_the_cluster()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddRedisEnterpriseModulesClient(Config(ClusterSettings("RedisEnterprise", _eu)).GetSection("RedisEnterprise"));
        Assert.NotNull(builder);
        using ServiceProvider provider = services.BuildServiceProvider();

        IReadOnlyList<ModuleInfo> modules = await provider.GetRequiredService<IRedisEnterpriseModulesClient>().ListModulesAsync();

        Assert.Equal("eu1", Assert.Single(modules).Uid);
        Assert.StartsWith("Basic ", _eu.Received.Single().RequestMessage!.Headers!["Authorization"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_clusters_by_name_and_as_keyed_services()
    {
        var services = new ServiceCollection();
        IConfiguration config = Config([.. ClusterSettings("Clusters:eu", _eu), .. ClusterSettings("Clusters:us", _us)]);
        services.AddRedisEnterpriseModulesClient("eu-cluster", config.GetSection("Clusters:eu"));
        services.AddRedisEnterpriseModulesClient("us-cluster", o =>
        {
            o.Endpoint = _us.Endpoint;
            o.Username = MockCluster.Username;
            o.Password = MockCluster.Password;
            o.AllowInsecureHttp = true;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var eu = provider.GetRequiredKeyedService<IRedisEnterpriseModulesClient>("eu-cluster");
        var us = provider.GetRequiredService<IRedisEnterpriseModulesClientFactory>().CreateClient("us-cluster");

        Assert.Equal("eu1", (await eu.ListModulesAsync()).Single().Uid);
        Assert.Equal("us1", (await us.ListModulesAsync()).Single().Uid);
        Assert.Single(_eu.Received);
        Assert.Single(_us.Received);
    }

    [Fact]
    public async Task A_client_from_dependency_injection_reaches_a_node_from_configuration_with_the_same_credentials()
    {
        using var node = MockCluster.Start();
        node.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, """[{"module_name":"search","version":20807}]""");
        var services = new ServiceCollection();
        services.AddRedisEnterpriseModulesClient(Config([.. ClusterSettings("R", _eu), ("R:NodeEndpoints:2", node.Endpoint.ToString()), ("R:ModuleManagement", "UserDefined")]).GetSection("R"));
        using ServiceProvider provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IRedisEnterpriseModulesClient>();

        IReadOnlyList<ModuleArtifact> artifacts = await client.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 2, address: "10.0.0.2"));

        Assert.Equal(ModuleManagementMode.UserDefined, await client.GetModuleManagementModeAsync());
        Assert.Equal("search", Assert.Single(artifacts).ModuleName);
        Assert.Equal("Basic " + Transport.ClusterConnection.BasicToken(MockCluster.Username, MockCluster.Password), node.Received.Single().RequestMessage!.Headers!["Authorization"].Single());
        Assert.Empty(_eu.Received); // the mode came from configuration: no GET /v1/nodes
    }

    [Fact]
    public void Every_setting_configuration_can_express_is_bound()
    {
        string pem = Path.Combine(Directory.CreateTempSubdirectory("ca").FullName, "ca.pem");
        File.WriteAllText(pem, TestCertificates.SelfSigned().ExportCertificatePem());
        IConfiguration config = Config(
            ("R:Endpoint", "https://cluster.example.com:9443"), ("R:Username", "u"), ("R:Password", "p"),
            ("R:CertificateThumbprint", new string('a', 64)), ("R:TrustedCertificatesPath", pem),
            ("R:SkipCertificateValidation", "true"), ("R:AllowInsecureHttp", "true"),
            ("R:RequestTimeout", "00:00:42"), ("R:UploadTimeout", "3600"), ("R:PollingInterval", "0.5"), ("R:MaxPollingInterval", "00:00:20"),
            ("R:OperationTimeout", "Infinite"), ("R:RetryDelay", "2"), ("R:AttemptTimeout", "00:00:05"), ("R:MaxRetries", "7"),
            ("R:MaxResponseBytes", "1048576"), ("R:UseProxy", "false"), ("R:MaxRetryAfter", "00:01:00"), ("R:UploadStallTimeout", "-1"));
        var services = new ServiceCollection();
        services.AddRedisEnterpriseModulesClient(config.GetSection("R"));
        using ServiceProvider provider = services.BuildServiceProvider();

        RedisEnterpriseModulesClientOptions o = provider.GetRequiredService<IOptionsMonitor<RedisEnterpriseModulesClientOptions>>().Get(Options.DefaultName);

        Assert.Equal(new Uri("https://cluster.example.com:9443"), o.Endpoint);
        Assert.Equal(("u", "p"), (o.Username, o.Password));
        Assert.Equal(new string('a', 64), o.CertificateThumbprint);
        Assert.Equal(pem, o.TrustedCertificatesPath);
        Assert.True(o.SkipCertificateValidation);
        Assert.True(o.AllowInsecureHttp);
        Assert.Equal(TimeSpan.FromSeconds(42), o.RequestTimeout);
        Assert.Equal(TimeSpan.FromHours(1), o.UploadTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.PollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), o.MaxPollingInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, o.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), o.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), o.AttemptTimeout);
        Assert.Equal(7, o.MaxRetries);
        Assert.Equal(1048576L, o.MaxResponseBytes);
        Assert.False(o.UseProxy);
        Assert.Equal(TimeSpan.FromMinutes(1), o.MaxRetryAfter);
        Assert.Equal(Timeout.InfiniteTimeSpan, o.UploadStallTimeout);
        Assert.Empty(o.GetProblems());

        // Every bindable (settable, simple-typed) option has a key above, and the key took effect.
        var defaults = new RedisEnterpriseModulesClientOptions();
        foreach (var property in typeof(RedisEnterpriseModulesClientOptions).GetProperties()
            .Where(p => p.CanWrite && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(string) || p.PropertyType == typeof(Uri) || p.PropertyType == typeof(TimeSpan) || p.PropertyType == typeof(TimeSpan?))))
        {
            Assert.True(config[$"R:{property.Name}"] is not null, $"{property.Name} has no configuration key in this test.");
            Assert.True(!Equals(property.GetValue(defaults), property.GetValue(o)), $"R:{property.Name} was not bound.");
        }

        Directory.Delete(Path.GetDirectoryName(pem)!, true);
    }

    [Theory]
    [InlineData("Endpoint", null, "RedisEnterprise:Endpoint is required")]
    [InlineData("Password", null, "RedisEnterprise:Password is required")]
    [InlineData("CertificateThumbprint", "not-a-thumbprint", "CertificateThumbprint must be the SHA-256")]
    [InlineData("AllowInsecureHttp", "false", "RedisEnterprise:Endpoint is http://")]
    public async Task Options_are_validated_at_startup_naming_the_key(string key, string? value, string expected)
    {
        var settings = ClusterSettings("RedisEnterprise", _eu).Where(s => s.Item1 != $"RedisEnterprise:{key}").ToList();
        if (value is not null) settings.Add(($"RedisEnterprise:{key}", value));

        OptionsValidationException error = await StartupFailureAsync([.. settings]);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MockCluster.Password, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequestTimeout", "soon")]
    [InlineData("RequestTimeout", "NaN")]
    [InlineData("OperationTimeout", "1e20")]
    [InlineData("UploadTimeout", "Infinity")]
    [InlineData("PollingInterval", "00:99:00")]
    [InlineData("AttemptTimeout", "172800")] // two days in seconds: more than Polly takes
    [InlineData("RetryDelay", "-5")]
    public async Task A_duration_that_does_not_parse_or_fit_fails_validation_at_startup_naming_its_key(string key, string value)
    {
        OptionsValidationException error = await StartupFailureAsync([.. ClusterSettings("RedisEnterprise", _eu), ($"RedisEnterprise:{key}", value)]);

        Assert.Contains($"RedisEnterprise:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxRetries", "abc")]
    [InlineData("MaxRetries", "1e20")]
    [InlineData("MaxResponseBytes", "1e20")]
    [InlineData("MaxResponseBytes", "lots")]
    [InlineData("SkipCertificateValidation", "yes please")]
    [InlineData("SkipCertificateValidation", "1")]
    [InlineData("UseProxy", "maybe")]
    public async Task A_number_or_switch_that_does_not_parse_fails_validation_at_startup_naming_its_key_not_its_value(string key, string value)
    {
        OptionsValidationException error = await StartupFailureAsync([.. ClusterSettings("RedisEnterprise", _eu), ($"RedisEnterprise:{key}", value)]);

        string failure = Assert.Single(error.Failures);
        Assert.Contains($"RedisEnterprise:{key} ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(value, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_parse_fails_validation_without_its_credentials()
    {
        OptionsValidationException error = await StartupFailureAsync(
            ("RedisEnterprise:Endpoint", $"https://admin:{MockCluster.Password}@cluster.example.com:99999"),
            ("RedisEnterprise:Username", MockCluster.Username), ("RedisEnterprise:Password", "p"));

        Assert.Contains("RedisEnterprise:Endpoint must be an absolute https:// address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MockCluster.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_di_client_retries_gets_like_the_owned_one()
    {
        _us.Server.Reset();
        _us.Given("GET", "/v1/modules", 503);
        var services = new ServiceCollection();
        services.AddRedisEnterpriseModulesClient(o =>
        {
            o.Endpoint = _us.Endpoint;
            o.Username = MockCluster.Username;
            o.Password = MockCluster.Password;
            o.AllowInsecureHttp = true;
            o.MaxRetries = 2;
            o.RetryDelay = TimeSpan.FromMilliseconds(1);
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        await Assert.ThrowsAsync<RedisEnterpriseException>(() => provider.GetRequiredService<IRedisEnterpriseModulesClient>().ListModulesAsync());
        Assert.Equal(3, _us.Received.Count);
    }
}
