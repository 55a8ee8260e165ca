using System.Text.Json.Nodes;
using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>Runs the database upgrade snippet against the simulated cluster.</summary>
public sealed class DatabaseUpgradeSnippetTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster;

    public DatabaseUpgradeSnippetTests()
    {
        var options = new FakeClusterOptions { AllowModulesUpload = true, PollsToComplete = 2 };
        options.Databases.Add(new FakeDatabase("orders", "7.4").WithModule("ReJSON", "2.8.4"));
        options.Databases.Add(new FakeDatabase("analytics", "8.0").WithModule("ReJSON", "2.8.4"));
        _cluster = FakeRedisEnterpriseCluster.Start(options);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Database_upgrade_moves_the_databases_the_version_fits_and_reports_the_others()
    {
        using var client = _cluster.CreateClient();
        string package = new ModulePackageBuilder("ReJSON", "2.8.9").WithModuleJsonProperty("compatible_redis_version", JsonValue.Create("7.4")).WriteToTempFile();
        await client.UploadModuleAsync(package, cancellationToken: TestContext.Current.CancellationToken);

        List<string> report = await DatabaseUpgrades.MoveDatabasesAsync(client, "ReJSON", "2.8.9", TestContext.Current.CancellationToken);

        Assert.Equal(["database 1 (orders): 2.8.4 -> 2.8.9", "database 2 (analytics) stays on 2.8.4: upgrade_bdb_failed"], report);
        Assert.Equal(["2.8.9", "2.8.4"], _cluster.Databases.Select(d => d.FindModule("ReJSON")!.SemanticVersion));
    }
}
