using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>HTTPS servers on loopback, one per certificate the suite needs, shared by the TLS tests.</summary>
public sealed class TlsServers : IDisposable
{
    internal static readonly X509Certificate2 Authority = TestCertificates.Authority();
    internal static readonly X509Certificate2 OtherAuthority = TestCertificates.Authority(); // the same name, another key

    /// <summary>The certificates the servers present, by name.</summary>
    internal static readonly IReadOnlyDictionary<string, X509Certificate2> Certificates = new Dictionary<string, X509Certificate2>
    {
        ["valid"] = TestCertificates.IssuedBy(Authority),
        ["valid, another certificate"] = TestCertificates.IssuedBy(Authority), // the same CA, name and key (IssuedBy shares one leaf key), another certificate
        ["expired"] = TestCertificates.IssuedBy(Authority, notBefore: DateTimeOffset.UtcNow.AddDays(-60), notAfter: DateTimeOffset.UtcNow.AddDays(-1)),
        ["not yet valid"] = TestCertificates.IssuedBy(Authority, notBefore: DateTimeOffset.UtcNow.AddDays(1), notAfter: DateTimeOffset.UtcNow.AddDays(60)),
        ["for another host"] = TestCertificates.IssuedBy(Authority, "cluster.example.com"),
        ["from another CA of the same name"] = TestCertificates.IssuedBy(OtherAuthority),
        ["self-signed"] = TestCertificates.SelfSigned(),
    };

    private readonly ConcurrentDictionary<string, Lazy<MockCluster>> _servers = new();

    internal MockCluster Server(string certificate) => _servers.GetOrAdd(certificate, name => new Lazy<MockCluster>(() =>
    {
        MockCluster cluster = MockCluster.StartHttps(Certificates[name]);
        cluster.Given("GET", "/v1/modules", 200, "[]");
        return cluster;
    })).Value;

    public void Dispose()
    {
        foreach (Lazy<MockCluster> server in _servers.Values) server.Value.Dispose();
    }
}

/// <summary>
/// Expired, not yet valid, wrong-host and untrusted certificates fail by default and under every trust option; a trusted CA
/// or a pin accepts only what it names; skipping validation is one client's business alone.
/// </summary>
public sealed class TlsReliabilityTests(TlsServers servers) : IClassFixture<TlsServers>
{
    public static readonly TheoryData<string, string, bool> Cases = new()
    {
        // certificate, trust option, accepted
        { "valid", "default", false }, // issued by a CA the system does not know
        { "expired", "default", false },
        { "for another host", "default", false },
        { "self-signed", "default", false },
        { "valid", "trust the CA", true },
        { "valid, another certificate", "trust the CA", true }, // a CA vouches for all it signed
        { "expired", "trust the CA", false },
        { "not yet valid", "trust the CA", false },
        { "for another host", "trust the CA", false },
        { "from another CA of the same name", "trust the CA", false },
        { "self-signed", "trust the CA", false },
        { "valid", "trust another CA of the same name", false },
        { "valid", "pin it", true },
        { "valid, another certificate", "pin it", false }, // same name, same CA, another certificate
        { "from another CA of the same name", "pin it", false },
        { "self-signed", "pin it", false },
        { "expired", "skip", true },
        { "for another host", "skip", true },
        { "self-signed", "skip", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_certificate_is_accepted_only_as_the_trust_option_says(string certificate, string trust, bool accepted)
    {
        MockCluster server = servers.Server(certificate);
        int before = server.Received.Count;
        using var client = Client(server, trust);

        if (accepted)
        {
            Assert.Empty(await client.ListModulesAsync().WaitAsync(FaultTests.Generous));
            Assert.Equal(before + 1, server.Received.Count);
        }
        else
        {
            var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync().WaitAsync(FaultTests.Generous));
            Assert.True(error.IsTlsFailure, error.Message);
            Assert.Contains(nameof(RedisEnterpriseModulesClientOptions.TrustedCertificates), error.Message, StringComparison.Ordinal);
            Assert.Equal(before, server.Received.Count); // not a byte of the request went out
        }
    }

    [Fact]
    public async Task Skipping_validation_is_scoped_to_one_client_even_side_by_side()
    {
        MockCluster server = servers.Server("self-signed");
        using var before = Client(server, "default");
        using var skipping = Client(server, "skip");
        using var after = Client(server, "default");

        Task<IReadOnlyList<ModuleInfo>>[] skipped = [.. Enumerable.Range(0, 5).Select(_ => skipping.ListModulesAsync())];
        Task<IReadOnlyList<ModuleInfo>>[] validated = [.. Enumerable.Range(0, 5).SelectMany(_ => new[] { before.ListModulesAsync(), after.ListModulesAsync() })];

        Assert.All(await Task.WhenAll(skipped).WaitAsync(FaultTests.Generous), Assert.Empty);
        foreach (Task<IReadOnlyList<ModuleInfo>> call in validated)
        {
            var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => call.WaitAsync(FaultTests.Generous));
            Assert.True(error.IsTlsFailure);
        }

        using var plain = new HttpClient(); // the rest of the process: no global callback was set
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(Endpoint(server)).WaitAsync(FaultTests.Generous));
#pragma warning disable SYSLIB0014 // the obsolete process-wide hook, checked on purpose
        Assert.Null(System.Net.ServicePointManager.ServerCertificateValidationCallback);
#pragma warning restore SYSLIB0014
    }

    private static Uri Endpoint(MockCluster server) => new($"https://localhost:{server.Endpoint.Port}/v1/modules");

    private static RedisEnterpriseModulesClient Client(MockCluster server, string trust) => server.CreateClient(o =>
    {
        o.Endpoint = new Uri($"https://localhost:{server.Endpoint.Port}");
        o.AllowInsecureHttp = false;
        switch (trust)
        {
            case "trust the CA":
                o.TrustedCertificates.Add(TestCertificates.PublicPart(TlsServers.Authority));
                break;
            case "trust another CA of the same name":
                o.TrustedCertificates.Add(TestCertificates.PublicPart(TlsServers.OtherAuthority));
                break;
            case "pin it":
                o.CertificateThumbprint = TestCertificates.Sha256Fingerprint(TlsServers.Certificates["valid"]);
                break;
            case "skip":
                o.SkipCertificateValidation = true;
                break;
        }
    });
}
