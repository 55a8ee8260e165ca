using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Tests.Http;

/// <summary>The TLS choices against a real HTTPS server with a self-signed certificate made in the test.</summary>
public sealed class TlsTests : IDisposable
{
    private static readonly X509Certificate2 ClusterCertificate = TestCertificates.SelfSigned();
    private readonly MockCluster _cluster = MockCluster.StartHttps(ClusterCertificate);

    public TlsTests() => _cluster.Given("GET", "/v1/modules", 200, "[]");

    public void Dispose() => _cluster.Dispose();

    private RedisEnterpriseModulesClient Client(Action<RedisEnterpriseModulesClientOptions> configure) =>
        _cluster.CreateClient(o =>
        {
            o.Endpoint = new Uri($"https://localhost:{_cluster.Endpoint.Port}");
            o.AllowInsecureHttp = false;
            configure(o);
        });

    [Fact]
    public void The_server_really_is_https() => Assert.Equal("https", _cluster.Endpoint.Scheme);

    [Fact]
    public async Task Default_validation_rejects_the_self_signed_certificate_and_says_how_to_trust_it()
    {
        using var client = Client(_ => { });
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());
        Assert.Equal(0, error.Status);
        Assert.Contains(nameof(RedisEnterpriseModulesClientOptions.TrustedCertificates), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RedisEnterpriseModulesClientOptions.CertificateThumbprint), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RedisEnterpriseModulesClientOptions.SkipCertificateValidation), error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task Skip_accepts_it()
    {
        using var client = Client(o => o.SkipCertificateValidation = true);
        Assert.Empty(await client.ListModulesAsync());
    }

    [Fact]
    public async Task Skip_is_scoped_to_one_client()
    {
        using var skipping = Client(o => o.SkipCertificateValidation = true);
        using var validating = Client(_ => { });
        Assert.Empty(await skipping.ListModulesAsync());
        await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => validating.ListModulesAsync());
    }

    [Fact]
    public async Task The_right_root_is_trusted()
    {
        using var client = Client(o => o.TrustedCertificates.Add(TestCertificates.PublicPart(ClusterCertificate)));
        Assert.Empty(await client.ListModulesAsync());
    }

    [Fact]
    public async Task A_wrong_root_is_not()
    {
        using X509Certificate2 other = TestCertificates.SelfSigned();
        using var client = Client(o => o.TrustedCertificates.Add(TestCertificates.PublicPart(other)));
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());
        Assert.True(error.IsTlsFailure, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_right_thumbprint_is_accepted_in_any_case_with_or_without_colons(bool lowerWithoutColons)
    {
        string fingerprint = TestCertificates.Sha256Fingerprint(ClusterCertificate);
        if (lowerWithoutColons) fingerprint = fingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        using var client = Client(o => o.CertificateThumbprint = fingerprint);
        Assert.Empty(await client.ListModulesAsync());
    }

    [Fact]
    public async Task A_wrong_thumbprint_is_rejected()
    {
        using X509Certificate2 other = TestCertificates.SelfSigned();
        using var client = Client(o => o.CertificateThumbprint = TestCertificates.Sha256Fingerprint(other));
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());
        Assert.True(error.IsTlsFailure, error.Message);
    }

    [Fact]
    public async Task A_trusted_root_still_needs_the_right_host_name()
    {
        using var client = _cluster.CreateClient(o =>
        {
            o.Endpoint = new Uri($"https://127.0.0.2:{_cluster.Endpoint.Port}");
            o.TrustedCertificates.Add(TestCertificates.PublicPart(ClusterCertificate));
        });
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());
        Assert.True(error.IsTlsFailure, error.Message);
    }
}
