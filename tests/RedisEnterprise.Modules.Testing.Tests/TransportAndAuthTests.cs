using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Testing.Tests;

public class TransportAndAuthTests : DefaultClusterTests
{
    [Fact]
    public async Task Each_request_is_logged_with_when_it_was_answered_in_the_order_it_came()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ResponseDelay = TimeSpan.FromMilliseconds(20) });
        DateTimeOffset before = DateTimeOffset.UtcNow;

        await GetJsonAsync(Admin, "/v1/modules");
        await GetJsonAsync(Admin, "/v1/nodes");
        DateTimeOffset after = DateTimeOffset.UtcNow;

        Assert.Equal(["/v1/modules", "/v1/nodes"], Cluster.Requests.Select(r => r.Path));
        Assert.All(Cluster.Requests, r => Assert.InRange(r.AnsweredAt, before, after));
        Assert.True(Cluster.Requests[1].AnsweredAt >= Cluster.Requests[0].AnsweredAt + TimeSpan.FromMilliseconds(15), "the second came after the first's answer, held back 20 ms");
    }

    [Fact]
    public async Task Serves_https_on_loopback_with_its_own_self_signed_rsa_2048_certificate()
    {
        Assert.Equal("https", Cluster.Endpoint.Scheme);
        Assert.Equal("127.0.0.1", Cluster.Endpoint.Host);
        Assert.NotEqual(0, Cluster.Endpoint.Port);

        X509Certificate2 certificate = Cluster.Certificate;
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.False(certificate.HasPrivateKey);
        using (RSA? key = certificate.GetRSAPublicKey())
        {
            Assert.Equal(2048, key!.KeySize);
        }

        X509SubjectAlternativeNameExtension san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Contains("localhost", san.EnumerateDnsNames());

        // What the server presents on the wire is that certificate.
        string? presented = null;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            presented = cert?.GetCertHashString(HashAlgorithmName.SHA256);
            return true;
        };
        using var client = new HttpClient(handler);
        using HttpResponseMessage response = await client.GetAsync(new Uri(Cluster.Endpoint, "/v1/modules"), Ct);
        Assert.Equal(Cluster.CertificateThumbprint, presented);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_certificate_is_not_trusted_by_default_so_validation_really_happens()
    {
        SslPolicyErrors? errors = null;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, e) =>
        {
            errors = e;
            return e == SslPolicyErrors.None;
        };
        using var client = new HttpClient(handler);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(Cluster.Endpoint, "/v1/modules"), Ct));
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, errors);
    }

    [Fact]
    public async Task Each_cluster_has_a_different_certificate()
    {
        await using var a = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        await using var b = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        Assert.NotEqual(a.CertificateThumbprint, b.CertificateThumbprint);
    }

    [Fact]
    public async Task CreateClient_trusts_the_certificate_without_skipping_validation()
    {
        RedisEnterpriseModulesClientOptions options = Cluster.CreateClientOptions();
        Assert.False(options.SkipCertificateValidation);
        Assert.Equal(Cluster.CertificateThumbprint, Assert.Single(options.TrustedCertificates).GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(Cluster.Endpoint, options.Endpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.PollingInterval);

        using RedisEnterpriseModulesClient client = Cluster.CreateClient();
        Assert.Equal(4, (await client.ListModulesAsync(Ct)).Count);
    }

    [Fact]
    public async Task A_client_pinning_the_thumbprint_connects_and_one_trusting_nothing_fails()
    {
        RedisEnterpriseModulesClientOptions pinned = Cluster.CreateClientOptions();
        pinned.TrustedCertificates.Clear();
        pinned.CertificateThumbprint = Cluster.CertificateThumbprint;
        using (var client = new RedisEnterpriseModulesClient(pinned))
        {
            Assert.NotEmpty(await client.ListModulesAsync(Ct));
        }

        RedisEnterpriseModulesClientOptions untrusted = Cluster.CreateClientOptions();
        untrusted.TrustedCertificates.Clear();
        using (var client = new RedisEnterpriseModulesClient(untrusted))
        {
            await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync(Ct));
        }
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_get_401_with_a_json_error()
    {
        using (HttpClient anonymous = Raw(Cluster, null, null))
        using (HttpResponseMessage response = await anonymous.GetAsync("/v1/modules", Ct))
        {
            await AssertErrorAsync(response, 401, "unauthorized");
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (HttpClient wrong = Raw(Cluster, Cluster.Username, Cluster.Password + "x"))
        using (HttpResponseMessage response = await wrong.GetAsync("/v1/modules", Ct))
        {
            await AssertErrorAsync(response, 401, "unauthorized");
        }

        using (HttpClient right = AdminFor(Cluster))
        using (HttpResponseMessage response = await right.GetAsync("/v1/modules", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_client_reports_wrong_credentials_as_authentication_failure()
    {
        RedisEnterpriseModulesClientOptions options = Cluster.CreateClientOptions();
        options.Password = "not-the-password";
        using var client = new RedisEnterpriseModulesClient(options);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.ListModulesAsync(Ct));
    }

    [Fact]
    public async Task A_read_only_user_reads_but_gets_403_on_every_change()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ReadOnlyUsername = "viewer", ReadOnlyPassword = "viewer-pw" });
        using HttpClient viewer = Raw(cluster, "viewer", "viewer-pw");
        string uid = cluster.Modules[0].Uid;

        Assert.Equal(4, (await GetJsonAsync(viewer, "/v1/modules")).GetArrayLength());
        using (HttpResponseMessage response = await UploadAsync(viewer, "/v2/modules", new ModulePackageBuilder("rejson", "9.9.9")))
        {
            await AssertErrorAsync(response, 403, "insufficient_permissions");
        }

        using (HttpResponseMessage response = await UploadAsync(viewer, "/v1/modules", new ModulePackageBuilder("rejson", "9.9.9")))
        {
            await AssertErrorAsync(response, 403, "insufficient_permissions");
        }

        using (HttpResponseMessage response = await viewer.DeleteAsync($"/v1/modules/{uid}", Ct))
        {
            await AssertErrorAsync(response, 403, "insufficient_permissions");
        }

        using (HttpResponseMessage response = await viewer.DeleteAsync($"/v2/modules/{uid}", Ct))
        {
            await AssertErrorAsync(response, 403, "insufficient_permissions");
        }

        Assert.Equal(4, cluster.Modules.Count);
    }

    [Fact]
    public async Task Read_only_credentials_are_rejected_when_no_read_only_user_is_configured()
    {
        using HttpClient viewer = Raw(Cluster, "viewer", "viewer-pw");
        using HttpResponseMessage response = await viewer.GetAsync("/v1/modules", Ct);
        await AssertErrorAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task Unknown_routes_get_404_and_wrong_methods_405()
    {
        using (HttpResponseMessage response = await Admin.GetAsync("/v1/shards", Ct))
        {
            await AssertErrorAsync(response, 404, "not_found");
        }

        using (HttpResponseMessage response = await Admin.DeleteAsync("/v1/modules", Ct))
        {
            await AssertErrorAsync(response, 405, "method_not_allowed");
        }
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_setting_named()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, PollsToComplete = 0 }));
        Assert.Contains(nameof(FakeClusterOptions.PollsToComplete), e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ReadOnlyUsername = "viewer" }));
        Assert.Contains(nameof(FakeClusterOptions.ReadOnlyPassword), e.Message, StringComparison.Ordinal);
    }
}
