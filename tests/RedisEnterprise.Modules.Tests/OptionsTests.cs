using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
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
                var t when t == typeof(TimeSpan) || t == typeof(TimeSpan?) => TimeSpan.FromSeconds(1000 + distinct),
                var t when t == typeof(ResiliencePipeline<HttpResponseMessage>) => new ResiliencePipelineBuilder<HttpResponseMessage>().Build(),
                var t when t == typeof(ILoggerFactory) => loggerFactory,
                var t when t == typeof(TimeProvider) => new FakeTimeProvider(),
                _ => throw new InvalidOperationException($"Give {property.Name} ({property.PropertyType}) a non-default value here."),
            };
            property.SetValue(options, value);
            Assert.NotEqual(property.GetValue(defaults), property.GetValue(options));
        }

        options.TrustedCertificates.Add(Infrastructure.TestCertificates.SelfSigned());
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
