using System.Security.Cryptography.X509Certificates;
using RedisEnterprise.Modules.Testing.Internal;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The ground for several nodes: listeners of their own, on their own loopback addresses, over one cluster state.</summary>
public class ClusterListenerTests
{
    [Fact]
    public async Task Two_listeners_on_their_own_loopback_addresses_serve_one_cluster_with_its_one_certificate()
    {
        var options = new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, SeedBundledModules = false };
        var state = new ClusterState(options);
        using X509Certificate2 certificate = SelfSignedCertificate.Create();
        await using ClusterListener first = await ClusterListener.StartAsync(state, FakeNode.First, certificate, Ct);
        await using ClusterListener second = await ClusterListener.StartAsync(state, new FakeNode(2, IPAddress.Parse("127.0.0.2")), certificate, Ct);
        Assert.Equal(("127.0.0.1", "127.0.0.2"), (first.Endpoint.Host, second.Endpoint.Host));

        using HttpClient toFirst = Client(first, certificate, options);
        using HttpClient toSecond = Client(second, certificate, options);
        await UploadModuleAsync(toFirst, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8"));
        JsonElement list = await GetJsonAsync(toSecond, "/v1/modules");

        Assert.Equal("rejson", Assert.Single(list.EnumerateArray()).GetProperty("module_name").GetString());
        Assert.Equal(2, state.Requests.Count); // one log for the cluster, whichever listener answered
    }

    private static HttpClient Client(ClusterListener listener, X509Certificate2 certificate, FakeClusterOptions options)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        var client = new HttpClient(handler) { BaseAddress = listener.Endpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        return client;
    }
}
