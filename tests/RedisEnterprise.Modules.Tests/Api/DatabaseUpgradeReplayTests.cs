namespace RedisEnterprise.Modules.Tests.Api;

/// <summary>
/// <c>POST /v1/bdbs/{uid}/upgrade</c> through the client, replaying the documented answers: the database object (the
/// captured one, secrets and all) with <c>action_uid</c>, its dry run, and each documented error.
/// </summary>
public class DatabaseUpgradeReplayTests : IDisposable
{
    private const string ActionUid = "8a7b1f52-3c1e-4d6a-9f0e-2b5c7d9e1a43";
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Capture => MockCluster.Data("bdb-single.json");

    private static string CaptureWithAction
    {
        get
        {
            JsonObject database = JsonNode.Parse(Capture)!.AsObject();
            database["action_uid"] = ActionUid;
            return database.ToJsonString();
        }
    }

    private static DatabaseUpgradeRequest SearchOnly => new()
    {
        RedisVersion = "8.0",
        Modules = [new DatabaseModuleUpgrade { ModuleName = "search", CurrentModuleUid = "4e6efe7fa848e35cbae142dd1e4564a2", NewModuleUid = "0a1b2c3d4e5f60718293a4b5c6d7e8f9", NewModuleArgs = "" }],
    };

    private WireMock.Logging.ILogEntry UpgradePost() => _cluster.Single("POST", "/v1/bdbs/1/upgrade");

    [Fact]
    public async Task A_preview_sends_dry_run_and_only_the_fields_that_were_set_and_reads_the_database()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, Capture);
        using var client = _cluster.CreateClient();

        DatabaseInfo preview = await client.PreviewDatabaseUpgradeAsync(1, SearchOnly, Ct);

        var request = UpgradePost().RequestMessage!;
        Assert.Equal("true", System.Web.HttpUtility.ParseQueryString(request.RawQuery ?? string.Empty)["dry_run"]);
        Assert.Equal(
            """{"redis_version":"8.0","modules":[{"module_name":"search","current_module":"4e6efe7fa848e35cbae142dd1e4564a2","new_module":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","new_module_args":""}]}""",
            request.Body);
        Assert.Equal("7.99.91", preview.FindModule("search")!.SemanticVersion);
        Assert.DoesNotContain(preview.AdditionalData.Keys, k => k.Contains("pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_sends_no_dry_run_and_follows_the_action_the_answer_names()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, CaptureWithAction);
        _cluster.Given("GET", $"/v1/actions/{ActionUid}", 200, $$"""{"action_uid":"{{ActionUid}}","name":"upgrade_bdb","status":"completed","progress":"100","object_name":"bdb:1"}""");
        _cluster.Given("GET", "/v1/bdbs/1", 200, Capture);
        using var client = _cluster.CreateClient();

        var request = new DatabaseUpgradeRequest { PreserveRoles = true, ParallelShardsUpgrade = 2, ForceRestart = false };
        DatabaseUpgradeOperation operation = await client.StartUpgradeDatabaseAsync(1, request, Ct);

        Assert.Equal((ActionUid, 1), (operation.ActionUid, operation.DatabaseUid));
        Assert.Equal("default-db", operation.AcceptedDatabase!.Name);
        var sent = UpgradePost().RequestMessage!;
        Assert.True(string.IsNullOrEmpty(sent.RawQuery));
        Assert.Equal("""{"preserve_roles":true,"force_restart":false,"parallel_shards_upgrade":2}""", sent.Body);
        DatabaseInfo after = await operation.WaitForDatabaseAsync(Ct);
        Assert.Equal("8.0", after.RedisVersion);
        _cluster.Single("GET", "/v1/bdbs/1");
    }

    [Fact]
    public async Task An_empty_request_sends_an_empty_object_and_upgrade_waits_for_the_database()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, CaptureWithAction);
        _cluster.Given("GET", $"/v1/actions/{ActionUid}", 200, MockCluster.Data("action-v1-task.json").Replace("dfc0152c-8449-4b1c-9184-480ea7cb526c", ActionUid, StringComparison.Ordinal));
        _cluster.Given("GET", "/v1/bdbs/1", 200, Capture);
        using var client = _cluster.CreateClient();

        DatabaseInfo after = await client.UpgradeDatabaseAsync(1, new DatabaseUpgradeRequest(), Ct);

        Assert.Equal("{}", UpgradePost().RequestMessage!.Body);
        Assert.Equal(1, after.Uid);
    }

    [Fact]
    public async Task The_operation_follows_the_database_asked_about_even_when_the_answer_names_none()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, $$"""{"action_uid":"{{ActionUid}}","name":"default-db"}""");
        using var client = _cluster.CreateClient();

        DatabaseUpgradeOperation operation = await client.StartUpgradeDatabaseAsync(1, SearchOnly, Ct);

        Assert.Equal(1, operation.DatabaseUid);
        Assert.Equal(0, operation.AcceptedDatabase!.Uid);
    }

    [Fact]
    public async Task An_answer_without_an_action_uid_is_a_protocol_error_naming_it()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 200, Capture);
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.StartUpgradeDatabaseAsync(1, SearchOnly, Ct));

        Assert.Contains("action_uid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_post_is_not_retried_on_a_transient_answer()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 503);
        using var client = _cluster.CreateClient();

        await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.StartUpgradeDatabaseAsync(1, SearchOnly, Ct));

        UpgradePost(); // exactly one: an upgrade is not safe to send twice
    }

    public static TheoryData<int, string?, Type> DocumentedErrors => new()
    {
        { 400, "upgrade_bdb_failed", typeof(DatabaseUpgradeFailedException) },
        { 400, "redis_upgrade_policy_mismatch", typeof(DatabaseUpgradeFailedException) },
        { 406, "module_downgrade_unsupported", typeof(ModuleDowngradeNotSupportedException) },
        { 406, "unsupported_module_capabilities", typeof(UnsupportedModuleCapabilitiesException) },
        { 400, "missing_module", typeof(ModuleNotFoundException) },
        { 400, "redis_incompatible_version", typeof(IncompatibleClusterVersionException) },
        { 400, "redis_pack_incompatible_version", typeof(IncompatibleClusterVersionException) },
        { 404, null, typeof(DatabaseNotFoundException) },
        { 404, "db_not_exist", typeof(DatabaseNotFoundException) },
        { 500, null, typeof(RedisEnterpriseException) },
    };

    [Theory]
    [MemberData(nameof(DocumentedErrors))]
    public async Task Documented_errors_of_the_upgrade_map_to_their_types(int status, string? code, Type expected)
    {
        const string message = "Unable to find a version of the module rg that is supported by target redis version of BDB 8.4";
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", status, code is null ? null : $$"""{"error_code":"{{code}}","message":"{{message}}"}""");
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.PreviewDatabaseUpgradeAsync(1, SearchOnly, Ct));

        Assert.Equal(expected, error.GetType());
        Assert.Equal((status, code), (error.Status, error.ErrorCode));
        if (code is not null) Assert.Equal(message, error.ServerMessage);
        switch (error)
        {
            case DatabaseUpgradeFailedException failed: Assert.Equal(1, failed.DatabaseUid); break;
            case DatabaseNotFoundException missing: Assert.Equal(1, missing.Uid); break;
        }
    }

    [Fact]
    public async Task Forbidden_names_the_upgrade_permission()
    {
        _cluster.Given("POST", "/v1/bdbs/1/upgrade", 403);
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => client.StartUpgradeDatabaseAsync(1, SearchOnly, Ct));

        Assert.Equal("update_bdb_with_action", error.RequiredPermission);
    }

    public static TheoryData<string, DatabaseUpgradeRequest?> BadRequests => new()
    {
        { "request", null },
        { "ParallelShardsUpgrade", new DatabaseUpgradeRequest { ParallelShardsUpgrade = 0 } },
        { "RedisVersion", new DatabaseUpgradeRequest { RedisVersion = " " } },
        { "Modules[0]", new DatabaseUpgradeRequest { Modules = [null!] } },
        { "Modules[1].ModuleName", new DatabaseUpgradeRequest { Modules = [new() { ModuleName = "a" }, new() { NewModuleUid = "x" }] } },
        { "Modules[0].NewModuleUid", new DatabaseUpgradeRequest { Modules = [new() { ModuleName = "a", NewModuleUid = "" }] } },
        { "Modules[0].CurrentModuleUid", new DatabaseUpgradeRequest { Modules = [new() { ModuleName = "a", CurrentModuleUid = ".." }] } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_the_cluster_cannot_take_is_refused_before_sending_naming_the_member(string member, DatabaseUpgradeRequest? request)
    {
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.StartUpgradeDatabaseAsync(1, request!, Ct));

        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.PreviewDatabaseUpgradeAsync(1, request!, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PreviewDatabaseUpgradeAsync(0, SearchOnly, Ct));
        Assert.Empty(_cluster.Received);
    }
}
