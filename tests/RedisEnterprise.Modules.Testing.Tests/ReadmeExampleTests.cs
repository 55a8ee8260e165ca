namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The code of the Testing package's README (src/RedisEnterprise.Modules.Testing/README.md), with the test's cancellation token added.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_example_runs()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { PollsToComplete = 2 });
        using RedisEnterpriseModulesClient client = cluster.CreateClient();

        string package = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(64 * 1024).WriteToTempFile();
        ModuleInfo uploaded = await client.UploadModuleAsync(package, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(cluster.Modules, m => m.Uid == uploaded.Uid);
        Assert.Contains(cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/modules");
    }
}
