using Microsoft.Extensions.Logging;
using Polly;

namespace RedisEnterprise.Modules.Tests;

public class OptionsTests
{
    private static RedisEnterpriseModulesClientOptions Valid() => new()
    {
        Endpoint = new Uri("https://cluster.example.com:9443"),
        Username = "admin@example.com",
        Password = "pw",
    };

    [Fact]
    public void FromEnvironment_reads_the_four_variables_the_tool_reads_and_nothing_without_an_endpoint()
    {
        var variables = new Dictionary<string, string>
        {
            ["REDIS_ENTERPRISE_ENDPOINT"] = " https://cluster.example.com:9443 ",
            ["REDIS_ENTERPRISE_USERNAME"] = "admin@example.com",
            ["REDIS_ENTERPRISE_PASSWORD"] = "s3cret-pw",
            ["REDIS_ENTERPRISE_SKIP_TLS_VERIFY"] = "True",
        };

        RedisEnterpriseModulesClientOptions options = RedisEnterpriseModulesClientOptions.FromEnvironment(variables.GetValueOrDefault)!;

        Assert.Equal((new Uri("https://cluster.example.com:9443"), "admin@example.com", "s3cret-pw", true), (options.Endpoint, options.Username, options.Password, options.SkipCertificateValidation));
        variables.Remove("REDIS_ENTERPRISE_SKIP_TLS_VERIFY");
        Assert.False(RedisEnterpriseModulesClientOptions.FromEnvironment(variables.GetValueOrDefault)!.SkipCertificateValidation);
        variables["REDIS_ENTERPRISE_ENDPOINT"] = " ";
        Assert.Null(RedisEnterpriseModulesClientOptions.FromEnvironment(variables.GetValueOrDefault));
    }

    [Theory]
    [InlineData("cluster.example.com:9443", null, "REDIS_ENTERPRISE_ENDPOINT must be an absolute https://")]
    [InlineData("admin:s3cret-pw@cluster.example.com:9443", null, "REDIS_ENTERPRISE_ENDPOINT must be an absolute https://")]
    [InlineData("https://admin:s3cret-pw@", null, "REDIS_ENTERPRISE_ENDPOINT must be an absolute https://")]
    [InlineData("https://cluster.example.com:9443", "yes", "REDIS_ENTERPRISE_SKIP_TLS_VERIFY must be true or false, not 'yes'.")]
    public void FromEnvironment_names_the_variable_it_cannot_read_and_never_quotes_the_address(string endpoint, string? skip, string expected)
    {
        var variables = new Dictionary<string, string> { ["REDIS_ENTERPRISE_ENDPOINT"] = endpoint };
        if (skip is not null) variables["REDIS_ENTERPRISE_SKIP_TLS_VERIFY"] = skip;

        var error = Assert.Throws<FormatException>(() => RedisEnterpriseModulesClientOptions.FromEnvironment(variables.GetValueOrDefault));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint")]
    [InlineData("Username")]
    [InlineData("Password")]
    public void A_missing_setting_fails_construction_naming_it(string setting)
    {
        var options = Valid();
        typeof(RedisEnterpriseModulesClientOptions).GetProperty(setting)!.SetValue(options, null);
        var error = Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_with_credentials_is_refused_unless_allowed()
    {
        var options = Valid();
        options.Endpoint = new Uri("http://cluster.example.com:8080");
        Assert.Contains("AllowInsecureHttp", Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options)).Message, StringComparison.Ordinal);
        options.AllowInsecureHttp = true;
        using var client = new RedisEnterpriseModulesClient(options);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("AB:CD")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_thumbprint_is_refused(string thumbprint)
    {
        var options = Valid();
        options.CertificateThumbprint = thumbprint;
        Assert.Contains("CertificateThumbprint", Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_in_the_endpoint_are_refused()
    {
        var options = Valid();
        options.Endpoint = new Uri("https://user:pw@cluster.example.com:9443");
        Assert.Contains("must not carry credentials", Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intervals_must_be_positive_and_consistent()
    {
        var options = Valid();
        options.PollingInterval = TimeSpan.Zero;
        options.MaxPollingInterval = TimeSpan.FromSeconds(-1);
        IReadOnlyList<string> problems = options.GetProblems();
        Assert.Contains(problems, p => p.StartsWith("PollingInterval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MaxPollingInterval", StringComparison.Ordinal));
    }

    /// <summary>Sets <paramref name="setting"/> from its text: a duration for the TimeSpan ones, a number otherwise, null for "null".</summary>
    private static void Set(RedisEnterpriseModulesClientOptions options, string setting, string? value)
    {
        var property = typeof(RedisEnterpriseModulesClientOptions).GetProperty(setting) ?? throw new InvalidOperationException($"No setting {setting}.");
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, value is null ? null
            : type == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("RequestTimeout", "00:00:00")]
    [InlineData("RequestTimeout", "60.00:00:00")] // CancellationTokenSource refuses it on every call
    [InlineData("UploadTimeout", "00:00:00")]
    [InlineData("UploadTimeout", "60.00:00:00")]
    [InlineData("OperationTimeout", "00:00:00")]
    [InlineData("OperationTimeout", "60.00:00:00")]
    [InlineData("PollingInterval", "-00:00:01")]
    [InlineData("MaxPollingInterval", "60.00:00:00")]
    [InlineData("AttemptTimeout", "00:00:00.005")] // Polly's timeout: 10 ms to 24 hours
    [InlineData("AttemptTimeout", "2.00:00:00")]
    [InlineData("RetryDelay", "00:00:00")]
    [InlineData("RetryDelay", "2.00:00:00")] // Polly's retry delay: at most 24 hours
    [InlineData("MaxRetries", "-1")]
    [InlineData("MaxResponseBytes", "1023")]
    [InlineData("MaxResponseBytes", "2147483649")]
    [InlineData("MaxRetryAfter", "00:00:00")]
    [InlineData("MaxRetryAfter", "2.00:00:00")]
    [InlineData("UploadStallTimeout", "00:00:00")]
    [InlineData("UploadStallTimeout", "60.00:00:00")]
    public void A_setting_out_of_its_range_is_refused_naming_it(string setting, string value)
    {
        var options = Valid();
        Set(options, setting, value);

        var error = Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options));

        Assert.StartsWith(setting + " ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(setting + " ", Assert.Single(options.GetProblems()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequestTimeout", "00:00:00.001")]
    [InlineData("RequestTimeout", "24.00:00:00")]
    [InlineData("RequestTimeout", "-00:00:00.001")] // Infinite
    [InlineData("UploadTimeout", null)]
    [InlineData("UploadTimeout", "24.00:00:00")]
    [InlineData("UploadTimeout", "-00:00:00.001")]
    [InlineData("OperationTimeout", "24.00:00:00")]
    [InlineData("OperationTimeout", "-00:00:00.001")]
    [InlineData("PollingInterval", "00:00:00.001")]
    [InlineData("MaxPollingInterval", "24.00:00:00")]
    [InlineData("AttemptTimeout", "00:00:00.010")]
    [InlineData("AttemptTimeout", "1.00:00:00")]
    [InlineData("AttemptTimeout", "-00:00:00.001")]
    [InlineData("RetryDelay", "00:00:00.001")]
    [InlineData("RetryDelay", "1.00:00:00")]
    [InlineData("MaxRetries", "0")]
    [InlineData("MaxRetries", "2147483647")]
    [InlineData("MaxResponseBytes", "1024")]
    [InlineData("MaxResponseBytes", "2147483648")]
    [InlineData("MaxRetryAfter", "00:00:01")]
    [InlineData("MaxRetryAfter", "1.00:00:00")]
    [InlineData("UploadStallTimeout", null)]
    [InlineData("UploadStallTimeout", "-00:00:00.001")]
    [InlineData("UploadStallTimeout", "00:00:00.001")]
    [InlineData("UploadStallTimeout", "24.00:00:00")]
    public void Every_value_in_a_settings_range_makes_a_client(string setting, string? value)
    {
        var options = Valid();
        Set(options, setting, value);

        Assert.Empty(options.GetProblems());
        using var client = new RedisEnterpriseModulesClient(options);
    }

    [Theory]
    [InlineData("24.00:00:00")] // the longest
    [InlineData("-00:00:00.001")] // Infinite
    public async Task The_longest_and_infinite_request_and_upload_timeouts_work_on_a_call(string timeout)
    {
        using var cluster = Infrastructure.MockCluster.Start();
        cluster.Given("GET", "/v1/modules", 200, "[]");
        cluster.Given("POST", "/v2/modules", 200, Infrastructure.MockCluster.Data("module-v2-redisgears.json"));
        using var client = cluster.CreateClient(o =>
        {
            o.RequestTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
            o.UploadTimeout = o.RequestTimeout;
        });

        Assert.Empty(await client.ListModulesAsync());
        ModuleOperation upload = await client.StartUploadModuleAsync(new MemoryStream([1]), "m.zip", new UploadModuleOptions { Validate = false });
        Assert.Equal("dfc0152c-8449-4b1c-9184-480ea7cb526c", upload.ActionUid); // the answer of module-v2-redisgears.json arrived
    }

    [Fact]
    public void A_proxy_with_use_proxy_off_is_refused()
    {
        var options = Valid();
        options.UseProxy = false;
        options.Proxy = new System.Net.WebProxy("http://proxy.example.com:3128");

        Assert.Contains("UseProxy", Assert.Throws<ArgumentException>(() => new RedisEnterpriseModulesClient(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new RedisEnterpriseModulesClientOptions();
        Assert.Equal(TimeSpan.FromSeconds(100), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), options.OperationTimeout);
        Assert.Null(options.UploadTimeout);
        Assert.False(options.SkipCertificateValidation);
        Assert.False(options.AllowInsecureHttp);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Equal(64L * 1024 * 1024, options.MaxResponseBytes);
        Assert.True(options.UseProxy);
        Assert.Null(options.Proxy);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(5), options.UploadStallTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
    }

    [Fact]
    public void The_client_copies_every_setting_so_later_changes_do_not_leak_in()
    {
        var options = Valid();
        var defaults = new RedisEnterpriseModulesClientOptions();
        using var loggerFactory = LoggerFactory.Create(_ => { });
        int distinct = 0;
        foreach (var property in typeof(RedisEnterpriseModulesClientOptions).GetProperties().Where(p => p.CanWrite))
        {
            distinct++;
            object? value = property.PropertyType switch
            {
                var t when t == typeof(Uri) => new Uri($"https://cluster-{distinct}.example.com:9443"),
                var t when t == typeof(string) => $"{property.Name}-{distinct}",
                var t when t == typeof(bool) => !(bool)property.GetValue(defaults)!,
                var t when t == typeof(int) => (int)property.GetValue(defaults)! + 100 + distinct,
                var t when t == typeof(long) => (long)property.GetValue(defaults)! + 100 + distinct,
                var t when t == typeof(System.Net.IWebProxy) => new System.Net.WebProxy($"http://proxy-{distinct}.example.com:3128"),
                var t when t == typeof(TimeSpan) || t == typeof(TimeSpan?) => TimeSpan.FromSeconds(1000 + distinct),
                var t when t == typeof(ResiliencePipeline<HttpResponseMessage>) => new ResiliencePipelineBuilder<HttpResponseMessage>().Build(),
                var t when t == typeof(ILoggerFactory) => loggerFactory,
                var t when t == typeof(TimeProvider) => new FakeTimeProvider(),
                var t when t == typeof(ModuleManagementMode?) => ModuleManagementMode.UserDefined,
                var t when t == typeof(Func<NodeInfo, Uri>) => (Func<NodeInfo, Uri>)(node => new Uri($"https://node-{node.Uid}.example.com:9443")),
                _ => throw new InvalidOperationException($"Give {property.Name} ({property.PropertyType}) a non-default value here."),
            };
            property.SetValue(options, value);
            Assert.NotEqual(property.GetValue(defaults), property.GetValue(options));
        }

        options.TrustedCertificates.Add(Infrastructure.TestCertificates.SelfSigned());
        options.NodeEndpoints[2] = new Uri("https://node-2.example.com:9443");
        RedisEnterpriseModulesClientOptions copy = options.Clone();
        foreach (var property in typeof(RedisEnterpriseModulesClientOptions).GetProperties())
        {
            object? original = property.GetValue(options), copied = property.GetValue(copy);
            if (property.Name == nameof(options.TrustedCertificates))
            {
                Assert.NotSame(original, copied);
                Assert.Equal(options.TrustedCertificates.Count, copy.TrustedCertificates.Count);
                Assert.Equal(options.TrustedCertificates[0], copy.TrustedCertificates[0]);
            }
            else if (property.Name == nameof(options.NodeEndpoints))
            {
                Assert.NotSame(original, copied);
                Assert.Equal(options.NodeEndpoints, copy.NodeEndpoints);
            }
            else
            {
                Assert.Equal(original, copied);
            }
        }
    }

    [Fact]
    public async Task Changing_the_options_after_creating_the_client_does_not_change_where_or_as_whom_it_calls()
    {
        using var first = Infrastructure.MockCluster.Start();
        using var second = Infrastructure.MockCluster.Start();
        first.Given("GET", "/v1/modules", 200, "[]");
        second.Given("GET", "/v1/modules", 200, "[]");
        RedisEnterpriseModulesClientOptions options = first.Options();
        using var client = new RedisEnterpriseModulesClient(options);

        options.Endpoint = second.Endpoint;
        options.Username = "someone-else@example.com";
        options.Password = "another password";
        await client.ListModulesAsync();

        Assert.Empty(second.Received);
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Infrastructure.MockCluster.Username}:{Infrastructure.MockCluster.Password}"));
        Assert.Equal(expected, Assert.Single(first.Received).RequestMessage!.Headers!["Authorization"].Single());
    }
}
