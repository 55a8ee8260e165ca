using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>The example of the Testing package's README (src/RedisEnterprise.Modules.Testing/README.md), run as a test.</summary>
public sealed class TestingPackageReadme
{
    [Fact]
    public async Task The_testing_package_readme_example_runs()
    {
        #region testing-package-readme
        // Redis Software 8.2 with 3 nodes; SoftwareVersion = "7.22.2-170" simulates the 7.x line.
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using RedisEnterpriseModulesClient client = cluster.CreateClient();

        string package = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(64 * 1024).WriteToTempFile();
        ModuleInfo uploaded = await client.UploadModuleAsync(package);

        Assert.Contains(cluster.Modules, m => m.Uid == uploaded.Uid);
        Assert.All(cluster.Nodes, node => Assert.Single(cluster.NodeArtifacts(node.Uid))); // the package is on every node
        #endregion
    }
}
