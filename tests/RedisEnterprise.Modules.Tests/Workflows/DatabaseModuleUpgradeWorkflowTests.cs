namespace RedisEnterprise.Modules.Tests.Workflows;

/// <summary>
/// The one-call module upgrade against replayed answers (the captured 8.0 database): the requests it builds from them, in
/// order, and the preview check that decides whether the upgrade is sent.
/// </summary>
public class DatabaseModuleUpgradeWorkflowTests : IDisposable
{
    private const string TargetUid = "5f0e1d2c3b4a59687766554433221100";
    private const string ActionUid = "0c9f3e2a-7b1d-4e5f-8a6b-9c0d1e2f3a4b";
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The captured database, its search module at <paramref name="searchVersion"/>, with the action of an upgrade.</summary>
    private static string Database(string searchVersion, string? searchUid = null)
    {
        JsonObject database = JsonNode.Parse(MockCluster.Data("bdb-single.json"))!.AsObject();
        JsonObject search = database["module_list"]!.AsArray().Single(m => (string?)m!["module_name"] == "search")!.AsObject();
        search["semantic_version"] = searchVersion;
        search["module_args"] = "MINPREFIX 3";
        if (searchUid is not null) search["module_id"] = searchUid;
        database["action_uid"] = ActionUid;
        return database.ToJsonString();
    }

    private void GivenTheClusterHasSearch(string previewShows)
    {
        _cluster.Given("GET", "/v1/bdbs/1", 200, Database("7.99.91"));
        _cluster.Given("GET", "/v1/modules", 200, $$"""
            [{"uid":"4e6efe7fa848e35cbae142dd1e4564a2","module_name":"search","semantic_version":"7.99.91"},
             {"uid":"{{TargetUid}}","module_name":"search","semantic_version":"8.0.1"},
             {"uid":"aaaabbbbccccddddeeeeffff00001111","module_name":"ReJSON","semantic_version":"8.0.1"}]
            """);
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, Database(previewShows, TargetUid));
    }

    private List<WireMock.Logging.ILogEntry> UpgradePosts() =>
        _cluster.Received.Where(e => e.RequestMessage!.Method == "POST" && e.RequestMessage.Path == "/v1/bdbs/1/upgrade").ToList();

    [Fact]
    public async Task It_keeps_the_redis_version_and_the_module_args_names_both_module_uids_and_previews_before_it_starts()
    {
        GivenTheClusterHasSearch(previewShows: "8.0.1");
        using var client = _cluster.CreateClient();

        DatabaseUpgradeOperation upgrade = await client.StartUpgradeDatabaseModuleAsync(1, "search", "8.0.1", Ct);

        Assert.Equal((ActionUid, 1), (upgrade.ActionUid, upgrade.DatabaseUid));
        List<WireMock.Logging.ILogEntry> posts = UpgradePosts();
        Assert.Equal(["true", null], posts.Select(p => System.Web.HttpUtility.ParseQueryString(p.RequestMessage!.RawQuery ?? string.Empty)["dry_run"]));
        const string expected = """{"redis_version":"8.0","modules":[{"module_name":"search","current_module":"4e6efe7fa848e35cbae142dd1e4564a2","new_module":"5f0e1d2c3b4a59687766554433221100","new_module_args":"MINPREFIX 3"}]}""";
        Assert.All(posts, p => Assert.Equal(expected, p.RequestMessage!.Body));
        Assert.Equal(
            ["GET /v1/bdbs/1", "GET /v1/modules", "POST /v1/bdbs/1/upgrade", "POST /v1/bdbs/1/upgrade"],
            _cluster.Received.Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Path}"));
    }

    [Fact]
    public async Task A_preview_that_shows_another_version_is_refused_and_the_upgrade_is_never_sent()
    {
        GivenTheClusterHasSearch(previewShows: "8.2.0");
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<DatabaseUpgradeFailedException>(() => client.StartUpgradeDatabaseModuleAsync(1, "search", "8.0.1", Ct));

        Assert.Single(UpgradePosts());
        Assert.Equal("8.2.0", error.Preview!.FindModule("search")!.SemanticVersion);
        Assert.Equal(1, error.DatabaseUid);
        Assert.Equal(0, error.Status);
        Assert.Contains("database 1 (default-db)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Module_names_compare_exactly_as_the_cluster_compares_them()
    {
        GivenTheClusterHasSearch(previewShows: "8.0.1");
        using var client = _cluster.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.StartUpgradeDatabaseModuleAsync(1, "Search", "8.0.1", Ct));
        await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.StartUpgradeDatabaseModuleAsync(1, "search", "8.0.2", Ct));

        Assert.Empty(UpgradePosts());
    }
}
