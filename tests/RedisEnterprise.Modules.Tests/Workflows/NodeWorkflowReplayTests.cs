using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using RedisEnterprise.Modules.DependencyInjection;
using RedisEnterprise.Modules.Tests.Packages;

namespace RedisEnterprise.Modules.Tests.Workflows;

/// <summary>
/// Redis Software 8's install against scripted servers, one for the cluster endpoint and one per node: what a failing
/// rollback leaves behind, and how a node's certificate is trusted and named.
/// </summary>
public sealed class NodeWorkflowReplayTests : IDisposable
{
    private const string ModuleUid = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private readonly string _folder = Directory.CreateTempSubdirectory("node-workflow").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PackageFile()
    {
        string path = Path.Combine(_folder, "search.zip");
        File.WriteAllBytes(path, TestPackages.Valid().ToBytes());
        return path;
    }

    private static string Nodes(int count) =>
        "[" + string.Join(",", Enumerable.Range(1, count).Select(uid => $$"""{"uid":{{uid}},"addr":"10.0.0.{{uid}}","status":"active","software_version":"8.2.0-25"}""")) + "]";

    /// <summary>A cluster endpoint of 8.2 with uploads on and two nodes, each its own scripted server, that accepts the package's configuration.</summary>
    private sealed class TwoNodeInstall : IDisposable
    {
        internal MockCluster Cluster { get; } = MockCluster.Start();

        internal MockCluster Node1 { get; } = MockCluster.Start();

        internal MockCluster Node2 { get; } = MockCluster.Start();

        internal TwoNodeInstall()
        {
            Cluster.Given("GET", "/v1/cluster", 200, """{"name":"c1","allow_modules_upload":true}""");
            Cluster.Given("GET", "/v1/nodes", 200, Nodes(2));
            Cluster.Given("POST", "/v2/modules/user-defined", 200, $$"""{"uid":"{{ModuleUid}}","module_name":"search","semantic_version":"2.8.7","version":20807}""");
        }

        /// <summary>A client that manages modules the 8.x way and reaches the two nodes at their servers.</summary>
        internal RedisEnterpriseModulesClient CreateClient(Action<RedisEnterpriseModulesClientOptions>? configure = null) => Cluster.CreateClient(o =>
        {
            o.ModuleManagement = ModuleManagementMode.UserDefined;
            o.NodeEndpoints[1] = Node1.Endpoint;
            o.NodeEndpoints[2] = Node2.Endpoint;
            configure?.Invoke(o);
        });

        public void Dispose()
        {
            Cluster.Dispose();
            Node1.Dispose();
            Node2.Dispose();
        }
    }

    [Fact]
    public async Task A_rollback_that_fails_says_exactly_what_is_left_on_which_node()
    {
        using var install = new TwoNodeInstall();
        var (cluster, node1, node2) = (install.Cluster, install.Node1, install.Node2);
        cluster.Given("DELETE", $"/v2/modules/user-defined/{ModuleUid}", 500, """{"error_code":"internal_error","description":"CCS unavailable"}""");
        node1.Given("POST", "/v2/local/modules/user-defined/artifacts", 200, "{}");
        node1.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, """[{"module_name":"search","version":20807,"dependencies":[]}]""");
        node1.Given("DELETE", "/v2/local/modules/user-defined/artifacts/search/20807", 500, """{"error_code":"internal_error","description":"disk busy"}""");
        node2.Given("POST", "/v2/local/modules/user-defined/artifacts", 400, """{"error_code":"no_module","description":"empty"}""");
        using var client = install.CreateClient();

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(PackageFile(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.False(error.IsRolledBack);
        Assert.True(error.ConfigurationLeftBehind);
        Assert.Equal(ModuleUid, error.ModuleUid);
        Assert.Equal([(1, true, true), (2, false, false)], error.NodeResults.Select(r => (r.NodeUid, r.Succeeded, r.ArtifactLeftBehind)));
        Assert.Contains("disk busy", error.NodeResults[0].RollbackException!.Message, StringComparison.Ordinal);
        Assert.Contains($"left behind: the module's configuration (uid {ModuleUid}) in the cluster, node 1 (10.0.0.1)", error.Message, StringComparison.Ordinal);
        Assert.Single(node1.Received, e => e.RequestMessage!.Method == "DELETE");
        Assert.Single(cluster.Received, e => e.RequestMessage!.Method == "DELETE");
    }

    [Fact]
    public async Task A_node_whose_upload_got_no_answer_may_hold_the_package_so_the_rollback_deletes_it_there_too()
    {
        using var install = new TwoNodeInstall();
        var (cluster, node1, node2) = (install.Cluster, install.Node1, install.Node2);
        cluster.Given("DELETE", $"/v2/modules/user-defined/{ModuleUid}", 200);
        node1.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v2/local/modules/user-defined/artifacts").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(5)));
        node1.Given("DELETE", "/v2/local/modules/user-defined/artifacts/search/20807", 200);
        node2.Given("POST", "/v2/local/modules/user-defined/artifacts", 400, """{"error_code":"no_module"}""");
        using var client = install.CreateClient(o => o.UploadTimeout = TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<ModuleInstallException>(() => client.UploadModuleAsync(PackageFile(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.IsType<RedisEnterpriseConnectionException>(error.NodeResults[0].Exception);
        Assert.Single(node1.Received, e => e.RequestMessage!.Method == "DELETE"); // node 1 got every byte and no answer came back
        Assert.DoesNotContain(node2.Received, e => e.RequestMessage!.Method == "DELETE"); // node 2 answered no_module: it holds nothing
        Assert.True(error.IsRolledBack);
    }

    [Fact]
    public async Task A_node_is_reached_with_the_cluster_endpoints_credentials_and_the_same_basic_token()
    {
        using var cluster = MockCluster.Start();
        using var node = MockCluster.Start();
        node.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, "[]");
        using var client = cluster.CreateClient(o => o.NodeEndpoints[7] = node.Endpoint);

        Assert.Empty(await client.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 7, address: "10.9.9.9"), TestContext.Current.CancellationToken));

        var request = node.Single("GET", "/v2/local/modules/user-defined/artifacts").RequestMessage!;
        Assert.Equal("Basic " + Transport.ClusterConnection.BasicToken(MockCluster.Username, MockCluster.Password), request.Headers!["Authorization"].Single());
        Assert.Empty(cluster.Received);
    }

    [Fact]
    public async Task By_default_a_node_is_reached_at_its_address_with_the_cluster_endpoints_scheme_and_port()
    {
        using var cluster = MockCluster.Start();
        cluster.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, """[{"module_name":"m","version":1}]""");
        using var client = cluster.CreateClient();

        // 127.0.0.1 is the address the mock listens on: the default rule puts the node's addr into the endpoint's scheme and port.
        IReadOnlyList<ModuleArtifact> artifacts = await client.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 1, address: "127.0.0.1"), TestContext.Current.CancellationToken);

        Assert.Equal("m", Assert.Single(artifacts).ModuleName);
        Assert.Equal("127.0.0.1", new Uri(cluster.Single("GET", "/v2/local/").RequestMessage!.Url).Host);
    }

    [Fact]
    public async Task ResolveNodeEndpoint_decides_for_a_node_not_in_NodeEndpoints_and_a_node_without_an_address_is_a_clear_error()
    {
        using var cluster = MockCluster.Start();
        using var node = MockCluster.Start();
        node.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, "[]");
        using var client = cluster.CreateClient(o => o.ResolveNodeEndpoint = n => n.Uid == 3 ? node.Endpoint : throw new InvalidOperationException("only node 3"));

        await client.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 3), TestContext.Current.CancellationToken);
        Assert.Single(node.Received);

        using var plain = cluster.CreateClient();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => plain.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 4), TestContext.Current.CancellationToken));
        Assert.Contains("NodeEndpoints[4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_with_an_untrusted_certificate_fails_as_the_cluster_endpoint_would()
    {
        X509Certificate2 clusterCertificate = TestCertificates.SelfSigned();
        X509Certificate2 strangerCertificate = TestCertificates.SelfSigned();
        using var cluster = MockCluster.StartHttps(clusterCertificate);
        using var stranger = MockCluster.StartHttps(strangerCertificate);
        stranger.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, "[]");
        stranger.Given("GET", "/v1/modules", 200, "[]");
        Uri strangerAddress = new($"https://localhost:{stranger.Endpoint.Port}");
        void Trust(RedisEnterpriseModulesClientOptions o)
        {
            o.Endpoint = new Uri($"https://localhost:{cluster.Endpoint.Port}");
            o.AllowInsecureHttp = false;
            o.TrustedCertificates.Add(TestCertificates.PublicPart(clusterCertificate));
        }

        using var client = cluster.CreateClient(o =>
        {
            Trust(o);
            o.NodeEndpoints[2] = strangerAddress;
        });
        using var asClusterEndpoint = cluster.CreateClient(o =>
        {
            Trust(o);
            o.Endpoint = strangerAddress;
        });

        var onNode = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 2), TestContext.Current.CancellationToken));
        var onCluster = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => asClusterEndpoint.ListModulesAsync(TestContext.Current.CancellationToken));

        Assert.True(onNode.IsTlsFailure);
        Assert.True(onCluster.IsTlsFailure);
        Assert.Contains(nameof(RedisEnterpriseModulesClientOptions.TrustedCertificates), onNode.Message, StringComparison.Ordinal);
        Assert.Empty(stranger.Received);
    }

    [Fact]
    public async Task A_nodes_certificate_is_named_for_the_cluster_endpoints_host_not_for_the_nodes_address()
    {
        // The cluster's one certificate names "cluster.test" only; the node is reached at localhost.
        X509Certificate2 named = TestCertificates.SelfSigned("cluster.test");
        using var node = MockCluster.StartHttps(named);
        node.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, "[]");
        Uri nodeAddress = new($"https://localhost:{node.Endpoint.Port}");
        RedisEnterpriseModulesClient Client(string clusterHost) => new(new RedisEnterpriseModulesClientOptions
        {
            Endpoint = new Uri($"https://{clusterHost}:9443"),
            Username = MockCluster.Username,
            Password = MockCluster.Password,
            TrustedCertificates = { TestCertificates.PublicPart(named) },
            NodeEndpoints = { [1] = nodeAddress },
        });

        using var rightName = Client("cluster.test");
        using var wrongName = Client("other.test");

        Assert.Empty(await rightName.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 1), TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => wrongName.ListModuleArtifactsAsync(RedisEnterpriseModulesModelFactory.NodeInfo(uid: 1), TestContext.Current.CancellationToken));
        Assert.True(error.IsTlsFailure);
    }

    [Fact]
    public void NodeEndpoints_and_ModuleManagement_bind_from_configuration_and_bad_values_are_named()
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModuleManagement"] = "userdefined",
            ["NodeEndpoints:2"] = "https://node2.example.com:9443",
            ["NodeEndpoints:3"] = "https://node3.example.com:9443",
        }).Build();
        var options = new RedisEnterpriseModulesClientOptions();

        RedisEnterpriseModulesClientOptionsSection.Read(section).ApplyTo(options);

        Assert.Equal(ModuleManagementMode.UserDefined, options.ModuleManagement);
        Assert.Equal(new Uri("https://node2.example.com:9443"), options.NodeEndpoints[2]);
        Assert.Equal(2, options.NodeEndpoints.Count);

        IConfiguration bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModuleManagement"] = "Sometimes",
            ["NodeEndpoints:two"] = "https://node2.example.com:9443",
            ["NodeEndpoints:3"] = "not an address",
        }).Build();
        string[] problems = [.. RedisEnterpriseModulesClientOptionsSection.Read(bad).Problems()];
        Assert.Contains(problems, p => p.StartsWith("ModuleManagement must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("NodeEndpoints keys must be node uids", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("NodeEndpoints:3 must be an absolute", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("not an address", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_endpoint_over_http_needs_AllowInsecureHttp_like_the_cluster_endpoint()
    {
        var options = new RedisEnterpriseModulesClientOptions { Endpoint = new Uri("https://c.example.com:9443"), Username = "u", Password = "p" };
        options.NodeEndpoints[2] = new Uri("http://10.0.0.2:9443");
        Assert.Contains(options.GetProblems(), p => p.StartsWith("NodeEndpoints[2] is http://", StringComparison.Ordinal));
        options.AllowInsecureHttp = true;
        Assert.Empty(options.GetProblems());
    }
}
