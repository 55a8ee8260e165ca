using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>
/// Database upgrades on the fake through the SDK, on 7.22 and 8.2: the version rules of the spec (exact major.minor with
/// compatible_redis_version, the same major otherwise, the highest allowed when none is named), the refusals, the dry run,
/// the action that changes the database only when it completes, and module_in_use naming the databases.
/// </summary>
public class DatabaseUpgradeTests : IAsyncDisposable
{
    private const string Eight = "8.2.0-25";
    private FakeRedisEnterpriseCluster? _cluster;
    private RedisEnterpriseModulesClient? _client;

    private FakeRedisEnterpriseCluster Cluster => _cluster!;

    private RedisEnterpriseModulesClient Client => _client!;

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A cluster with database 1 "orders" (Redis 7.4) loading the bundled ReJSON 2.8.4 with arguments.</summary>
    private void Start(string softwareVersion, Func<RedisEnterpriseModulesClientOptions, RedisEnterpriseModulesClient>? client = null)
    {
        var options = new FakeClusterOptions { SoftwareVersion = softwareVersion, AllowModulesUpload = true, PollsToComplete = 3, NodeCount = 2 };
        options.Databases.Add(new FakeDatabase("orders", "7.4").WithModule("ReJSON", "2.8.4", "MAX_DEPTH 64"));
        _cluster = FakeRedisEnterpriseCluster.Start(options);
        _client = client is null ? _cluster.CreateClient() : client(_cluster.CreateClientOptions());
    }

    /// <summary>Uploads ReJSON <paramref name="version"/> declaring <paramref name="compatibleRedisVersion"/> ("" for none) and <paramref name="minRedisVersion"/>.</summary>
    private Task<ModuleInfo> UploadJsonAsync(string version, string compatibleRedisVersion, string minRedisVersion = "7.2") =>
        UploadAsync("ReJSON", version, compatibleRedisVersion, minRedisVersion);

    /// <summary>Uploads module <paramref name="name"/> <paramref name="version"/> declaring <paramref name="compatibleRedisVersion"/> ("" for none) and <paramref name="minRedisVersion"/>.</summary>
    private async Task<ModuleInfo> UploadAsync(string name, string version, string compatibleRedisVersion, string minRedisVersion = "7.2")
    {
        string package = new ModulePackageBuilder(name, version)
            .WithModuleJsonProperty("compatible_redis_version", JsonValue.Create(compatibleRedisVersion))
            .WithModuleJsonProperty("min_redis_version", JsonValue.Create(minRedisVersion))
            .WriteToTempFile();
        try
        {
            return await Client.UploadModuleAsync(package, cancellationToken: Ct);
        }
        finally
        {
            File.Delete(package);
        }
    }

    /// <summary>The Redis 8 versions of the bundled modules besides ReJSON (the fake seeds only their 7.4 versions), one of them also at a lower version and one for 8.2 only.</summary>
    private async Task<Dictionary<string, ModuleInfo>> UploadRedis8ModulesAsync()
    {
        await UploadAsync("bf", "8.0.0", "8.0");
        await UploadAsync("search", "8.2.1", "8.2");
        return new Dictionary<string, ModuleInfo>(StringComparer.Ordinal)
        {
            ["search"] = await UploadAsync("search", "8.0.1", "8.0"),
            ["timeseries"] = await UploadAsync("timeseries", "8.0.2", "", minRedisVersion: "8.0"),
            ["bf"] = await UploadAsync("bf", "8.0.1", "8.0"),
            ["ReJSON"] = await UploadJsonAsync("8.0.3", "8.0"),
        };
    }

    private static Dictionary<string, (string? Uid, string? Version, string? Args)> ModulesOf(DatabaseInfo database) =>
        database.Modules.ToDictionary(m => m.ModuleName!, m => (m.ModuleId, m.SemanticVersion, m.ModuleArgs), StringComparer.Ordinal);

    private DatabaseModule OrdersJson => Cluster.Databases.Single(d => d.Uid == 1).FindModule("ReJSON")!;

    private int UpgradePosts => Cluster.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/bdbs/1/upgrade");

    private static DatabaseUpgradeRequest To(string redisVersion, string? newModuleUid = null) => new()
    {
        RedisVersion = redisVersion,
        Modules = newModuleUid is null ? null : [new DatabaseModuleUpgrade { ModuleName = "ReJSON", NewModuleUid = newModuleUid }],
    };

    [Fact]
    public async Task A_module_upgrade_preview_shows_the_version_and_changes_nothing()
    {
        Start(Eight);
        await UploadJsonAsync("2.8.9", "7.4");

        DatabaseInfo preview = await Client.PreviewDatabaseModuleUpgradeAsync(1, "ReJSON", "2.8.9", cancellationToken: Ct);

        Assert.Equal("2.8.9", preview.FindModule("ReJSON")!.SemanticVersion);
        Assert.Equal(1, UpgradePosts);
        Assert.Equal("2.8.4", OrdersJson.SemanticVersion);
    }

    [Fact]
    public async Task A_module_upgrade_with_settings_still_previews_then_upgrades()
    {
        Start(Eight);
        await UploadJsonAsync("2.8.9", "7.4");

        DatabaseInfo after = await Client.UpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.9", new DatabaseUpgradeRequest { PreserveRoles = true, ParallelShardsUpgrade = 2 }, Ct);

        Assert.Equal("2.8.9", after.FindModule("ReJSON")!.SemanticVersion);
        Assert.Equal(2, UpgradePosts); // the preview, then the upgrade
    }

    [Fact]
    public async Task Module_upgrade_settings_that_name_modules_or_a_bad_value_are_refused_before_any_request()
    {
        Start(Eight);
        int before = Cluster.Requests.Count;

        var modules = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.9", To("7.4", "ab12"), Ct));
        var shards = await Assert.ThrowsAsync<ArgumentException>(() => Client.PreviewDatabaseModuleUpgradeAsync(1, "ReJSON", "2.8.9", new DatabaseUpgradeRequest { ParallelShardsUpgrade = 0 }, Ct));

        Assert.Equal("settings", modules.ParamName);
        Assert.Contains(nameof(DatabaseUpgradeRequest.ParallelShardsUpgrade), shards.Message, StringComparison.Ordinal);
        Assert.Equal(before, Cluster.Requests.Count);
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task A_module_upgrade_previews_then_runs_as_an_action_and_the_old_version_can_then_be_removed(string softwareVersion)
    {
        Start(softwareVersion);
        string old = OrdersJson.ModuleId!;
        ModuleInfo target = await UploadJsonAsync("2.8.9", "7.4");

        DatabaseUpgradeOperation upgrade = await Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.9", Ct);

        Assert.Equal(2, UpgradePosts); // the preview, then the upgrade
        Assert.False(string.IsNullOrEmpty(upgrade.ActionUid));
        Assert.Equal(("2.8.4", old), (OrdersJson.SemanticVersion, OrdersJson.ModuleId)); // not before the action completes
        await Assert.ThrowsAsync<ModuleInUseException>(() => Client.DeleteModuleAsync(old, Ct));

        DatabaseInfo after = await upgrade.WaitForDatabaseAsync(Ct);

        DatabaseModule json = after.FindModule("ReJSON")!;
        Assert.Equal(("2.8.9", target.Uid, "MAX_DEPTH 64"), (json.SemanticVersion, json.ModuleId, json.ModuleArgs)); // arguments kept
        Assert.Equal("7.4", after.RedisVersion);
        Assert.Equal(ActionStatus.Completed, upgrade.LastStatus!.Status);
        await Client.DeleteModuleAsync(old, Ct); // no database loads it any more
        Assert.DoesNotContain(Cluster.Modules, m => m.Uid == old);
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task A_preview_shows_the_highest_version_the_rule_allows_and_changes_nothing(string softwareVersion)
    {
        Start(softwareVersion);
        ModuleInfo fits74 = await UploadJsonAsync("2.8.9", "7.4");
        ModuleInfo fits80 = await UploadJsonAsync("2.10.0", "8.0");
        ModuleInfo major8 = await UploadJsonAsync("3.0.0", "", minRedisVersion: "8.0");
        await UploadJsonAsync("1.9.0", "", minRedisVersion: "7.0"); // same major as 7.4, but lower than 2.8.9
        int before = Cluster.Requests.Count;

        DatabaseInfo stay = await Client.PreviewDatabaseUpgradeAsync(1, To("7.4"), Ct);
        DatabaseInfo to80 = await Client.PreviewDatabaseUpgradeAsync(1, To("8.0"), Ct);
        DatabaseInfo to82 = await Client.PreviewDatabaseUpgradeAsync(1, To("8.2"), Ct);

        Assert.Equal(fits74.Uid, stay.FindModule("ReJSON")!.ModuleId); // 7.4 exactly: 2.8.9 over the bundled 2.8.4 and 1.9.0
        Assert.Equal(major8.Uid, to80.FindModule("ReJSON")!.ModuleId); // 3.0.0 (major 8) is higher than 2.10.0 (exactly 8.0)
        Assert.Equal(("8.2", major8.Uid), (to82.RedisVersion, to82.FindModule("ReJSON")!.ModuleId)); // 2.10.0 does not fit 8.2
        Assert.Equal("MAX_DEPTH 64", to82.FindModule("ReJSON")!.ModuleArgs);
        Assert.Equal(("7.4", "2.8.4"), (Cluster.Databases[0].RedisVersion, OrdersJson.SemanticVersion));
        Assert.All(Cluster.Requests.Skip(before), r => Assert.Equal(("POST", "/v1/bdbs/1/upgrade"), (r.Method, r.Path))); // no action started

        DatabaseInfo named = await Client.PreviewDatabaseUpgradeAsync(1, To("8.0", fits80.Uid), Ct);
        Assert.Equal("2.10.0", named.FindModule("ReJSON")!.SemanticVersion); // a named version is taken as named
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task No_allowed_version_is_upgrade_bdb_failed_with_the_cluster_message(string softwareVersion)
    {
        Start(softwareVersion);

        var error = await Assert.ThrowsAsync<DatabaseUpgradeFailedException>(() => Client.UpgradeDatabaseAsync(1, To("8.4"), Ct));

        Assert.Equal((400, "upgrade_bdb_failed", 1), (error.Status, error.ErrorCode, error.DatabaseUid));
        Assert.Equal("Unable to find a version of the module ReJSON that is supported by target redis version of BDB 8.4", error.ServerMessage);
        Assert.Equal("2.8.4", OrdersJson.SemanticVersion);
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task Moving_to_Redis_8_adds_the_bundled_modules_the_database_lacks_in_the_preview_and_when_the_action_completes(string softwareVersion)
    {
        Start(softwareVersion);
        Dictionary<string, ModuleInfo> redis8 = await UploadRedis8ModulesAsync();
        var expected = new Dictionary<string, (string?, string?, string?)>(StringComparer.Ordinal)
        {
            ["ReJSON"] = (redis8["ReJSON"].Uid, "8.0.3", "MAX_DEPTH 64"), // one ReJSON: the upgrade's choice, its arguments kept
            ["search"] = (redis8["search"].Uid, "8.0.1", ""), // not 8.2.1, which fits 8.2 only
            ["timeseries"] = (redis8["timeseries"].Uid, "8.0.2", ""),
            ["bf"] = (redis8["bf"].Uid, "8.0.1", ""), // the highest that fits 8.0
        };

        DatabaseInfo preview = await Client.PreviewDatabaseUpgradeAsync(1, To("8.0"), Ct);
        DatabaseUpgradeOperation upgrade = await Client.StartUpgradeDatabaseAsync(1, To("8.0"), Ct);
        DatabaseInfo before = Cluster.Databases.Single(d => d.Uid == 1);
        DatabaseInfo after = await upgrade.WaitForDatabaseAsync(Ct);

        Assert.All([preview, after], database =>
        {
            Assert.Equal("8.0", database.RedisVersion);
            Assert.Equal(expected, ModulesOf(database));
        });
        Assert.Equal(("7.4", "ReJSON 2.8.4"), (before.RedisVersion, Assert.Single(before.Modules).ModuleName + " " + before.Modules[0].SemanticVersion)); // not before the action completes
        await Assert.ThrowsAsync<ModuleInUseException>(() => Client.DeleteModuleAsync(redis8["search"].Uid, Ct)); // the database loads it now
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task An_upgrade_that_stays_on_Redis_7_adds_no_module(string softwareVersion)
    {
        Start(softwareVersion);
        await UploadRedis8ModulesAsync();
        ModuleInfo fits74 = await UploadJsonAsync("2.8.9", "7.4"); // the seeded bf, search and timeseries fit 7.4 too
        var expected = new Dictionary<string, (string?, string?, string?)>(StringComparer.Ordinal) { ["ReJSON"] = (fits74.Uid, "2.8.9", "MAX_DEPTH 64") };

        DatabaseInfo preview = await Client.PreviewDatabaseUpgradeAsync(1, To("7.4"), Ct);
        DatabaseInfo after = await Client.UpgradeDatabaseAsync(1, To("7.4"), Ct);

        Assert.Equal(expected, ModulesOf(preview));
        Assert.Equal(expected, ModulesOf(after));
    }

    [Fact]
    public async Task A_database_already_on_Redis_8_gains_no_module_when_it_moves_to_another_8()
    {
        Start(Eight);
        await UploadRedis8ModulesAsync(); // search 8.2.1 fits 8.2
        await UploadAsync("bf", "8.2.0", "8.2");
        await UploadAsync("timeseries", "8.2.0", "8.2");
        ModuleInfo json82 = await UploadJsonAsync("8.2.0", "8.2");
        DatabaseInfo cache = Cluster.AddDatabase(new FakeDatabase("cache", "8.0").WithModule("ReJSON", "8.0.3"));

        DatabaseInfo preview = await Client.PreviewDatabaseUpgradeAsync(cache.Uid, To("8.2"), Ct);

        Assert.Equal([("ReJSON", json82.Uid)], preview.Modules.Select(m => (m.ModuleName!, m.ModuleId!)));
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task A_lower_redis_version_is_refused_with_400_and_the_cluster_message(string softwareVersion)
    {
        Start(softwareVersion);
        int before = Cluster.Requests.Count;

        var preview = await Assert.ThrowsAsync<RedisEnterpriseException>(() => Client.PreviewDatabaseUpgradeAsync(1, To("7.2"), Ct));
        var upgrade = await Assert.ThrowsAsync<RedisEnterpriseException>(() => Client.StartUpgradeDatabaseAsync(1, To("7.2"), Ct));

        Assert.All([preview, upgrade], error =>
        {
            Assert.Equal((400, null), (error.Status, error.ErrorCode));
            Assert.Equal("Target version 7.2 is not higher than the current version 7.4", error.ServerMessage);
        });
        Assert.Equal(2, Cluster.Requests.Count - before); // the two upgrade requests, no action to poll
        Assert.Equal(("7.4", "2.8.4"), (Cluster.Databases[0].RedisVersion, OrdersJson.SemanticVersion));
    }

    [Fact]
    public async Task A_named_version_that_does_not_fit_the_target_is_refused()
    {
        Start(Eight);
        ModuleInfo fits80 = await UploadJsonAsync("2.10.0", "8.0");

        var error = await Assert.ThrowsAsync<DatabaseUpgradeFailedException>(() => Client.PreviewDatabaseUpgradeAsync(1, To("7.4", fits80.Uid), Ct));

        Assert.Equal("upgrade_bdb_failed", error.ErrorCode);
        Assert.Contains("2.10.0", error.ServerMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task A_lower_version_is_module_downgrade_unsupported_and_nothing_is_started(string softwareVersion)
    {
        Start(softwareVersion);
        await UploadJsonAsync("2.6.0", "7.4");

        var error = await Assert.ThrowsAsync<ModuleDowngradeNotSupportedException>(() => Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "2.6.0", Ct));

        Assert.Equal(406, error.Status);
        Assert.Equal(1, UpgradePosts); // the preview refused it: the upgrade itself was never sent
        Assert.Equal("2.8.4", OrdersJson.SemanticVersion);
    }

    [Fact]
    public async Task A_preview_that_shows_another_version_stops_the_upgrade_before_it_starts()
    {
        Start(Eight, options => new PreviewKeepsTheOldVersion(options));
        await UploadJsonAsync("2.8.9", "7.4");

        var error = await Assert.ThrowsAsync<DatabaseUpgradeFailedException>(() => Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.9", Ct));

        Assert.Equal((0, 1), (error.Status, error.DatabaseUid));
        Assert.Equal("2.8.4", error.Preview!.FindModule("ReJSON")!.SemanticVersion);
        Assert.Contains("shows module ReJSON at 2.8.4, not 2.8.9", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, UpgradePosts);
    }

    [Fact]
    public async Task A_database_already_on_the_version_needs_no_request()
    {
        Start(TestSupport.Legacy72);

        DatabaseUpgradeOperation upgrade = await Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.4", Ct);

        Assert.Equal(string.Empty, upgrade.ActionUid);
        Assert.True(upgrade.HasCompleted);
        Assert.Equal("2.8.4", (await upgrade.WaitForDatabaseAsync(Ct)).FindModule("ReJSON")!.SemanticVersion);
        Assert.Equal(0, UpgradePosts);
    }

    [Fact]
    public async Task A_module_the_database_does_not_load_or_a_version_the_cluster_lacks_is_refused_before_any_upgrade_request()
    {
        Start(Eight);

        var notLoaded = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartUpgradeDatabaseModuleAsync(1, "search", "2.10.5", Ct));
        var missing = await Assert.ThrowsAsync<ModuleNotFoundException>(() => Client.StartUpgradeDatabaseModuleAsync(1, "ReJSON", "9.0.0", Ct));
        var noDatabase = await Assert.ThrowsAsync<DatabaseNotFoundException>(() => Client.StartUpgradeDatabaseModuleAsync(5, "ReJSON", "9.0.0", Ct));

        Assert.Contains("does not load module 'search' (it loads: ReJSON 2.8.4)", notLoaded.Message, StringComparison.Ordinal);
        Assert.Contains("no module ReJSON 9.0.0", missing.Message, StringComparison.Ordinal);
        Assert.Equal(5, noDatabase.Uid);
        Assert.Equal(0, UpgradePosts);
        await Assert.ThrowsAsync<DatabaseNotFoundException>(() => Client.PreviewDatabaseUpgradeAsync(5, To("7.4"), Ct));
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task A_failed_upgrade_action_leaves_the_database_as_it_was(string softwareVersion)
    {
        Start(softwareVersion);
        await UploadJsonAsync("2.8.9", "7.4");
        Cluster.FailNextActionWith("upgrade_failed", "Shard 1 did not restart.");

        var error = await Assert.ThrowsAsync<ActionFailedException>(() => Client.UpgradeDatabaseModuleAsync(1, "ReJSON", "2.8.9", Ct));

        Assert.Equal("upgrade_failed", error.ErrorCode);
        Assert.Equal("2.8.4", OrdersJson.SemanticVersion);
    }

    [Fact]
    public async Task An_upgrade_resumed_from_its_uids_waits_for_the_same_database()
    {
        Start(TestSupport.Legacy72);
        await UploadJsonAsync("2.8.9", "7.4");
        DatabaseUpgradeOperation started = await Client.StartUpgradeDatabaseAsync(1, To("7.4"), Ct);

        var resumed = new DatabaseUpgradeOperation(Client, started.ActionUid, started.DatabaseUid);
        DatabaseInfo after = await resumed.WaitForDatabaseAsync(Ct);

        Assert.Equal("2.8.9", after.FindModule("ReJSON")!.SemanticVersion);
        Assert.Null(resumed.AcceptedDatabase);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatabaseUpgradeOperation(Client, started.ActionUid, 0));
    }

    [Theory]
    [InlineData(TestSupport.Legacy72)]
    [InlineData(Eight)]
    public async Task Module_in_use_names_the_databases_that_load_the_module(string softwareVersion)
    {
        Start(softwareVersion);
        Cluster.AddDatabase(new FakeDatabase("sessions").WithModule("ReJSON", "2.8.4"));
        Cluster.AddDatabase(new FakeDatabase("plain"));
        string uid = OrdersJson.ModuleId!;

        var error = await Assert.ThrowsAsync<ModuleInUseException>(() => Client.DeleteModuleAsync(uid, Ct));

        Assert.Equal([(1, "orders"), (2, "sessions")], error.Databases.Select(d => (d.Uid, d.Name!)));
        Assert.Contains("Databases using it: 1 (orders), 2 (sessions).", error.Message, StringComparison.Ordinal);
        Assert.Equal((406, "module_in_use"), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task When_the_databases_cannot_be_listed_module_in_use_keeps_the_cluster_answer()
    {
        Start(TestSupport.Legacy72, options => new DatabasesUnreadable(options));

        var error = await Assert.ThrowsAsync<ModuleInUseException>(() => Client.DeleteModuleAsync(OrdersJson.ModuleId!, Ct));

        Assert.Empty(error.Databases);
        Assert.DoesNotContain("Databases using it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_the_upgrade_permission_gets_permission_denied()
    {
        var options = new FakeClusterOptions { SoftwareVersion = Eight, ReadOnlyUsername = "viewer", ReadOnlyPassword = "viewer-password" };
        options.Databases.Add(new FakeDatabase("orders").WithModule("ReJSON", "2.8.4"));
        _cluster = FakeRedisEnterpriseCluster.Start(options);
        RedisEnterpriseModulesClientOptions viewer = _cluster.CreateClientOptions();
        viewer.Username = "viewer";
        viewer.Password = "viewer-password";
        _client = new RedisEnterpriseModulesClient(viewer);

        Assert.Single(await Client.ListDatabasesAsync(Ct)); // reads are allowed
        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => Client.PreviewDatabaseUpgradeAsync(1, To("7.4"), Ct));
        Assert.Equal("update_bdb_with_action", error.RequiredPermission);
    }

    /// <summary>A client whose previews show the version the database loads now, as a cluster that ignores new_module would.</summary>
    private sealed class PreviewKeepsTheOldVersion(RedisEnterpriseModulesClientOptions options) : RedisEnterpriseModulesClient(options)
    {
        public override async Task<DatabaseInfo> PreviewDatabaseUpgradeAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default)
        {
            await base.PreviewDatabaseUpgradeAsync(databaseUid, request, cancellationToken);
            return await GetDatabaseAsync(databaseUid, cancellationToken);
        }
    }

    /// <summary>A client that may delete but not list databases.</summary>
    private sealed class DatabasesUnreadable(RedisEnterpriseModulesClientOptions options) : RedisEnterpriseModulesClient(options)
    {
        public override Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken = default) =>
            throw new PermissionDeniedException("GET /v1/bdbs failed with 403.", "view_all_bdbs_info");
    }
}
