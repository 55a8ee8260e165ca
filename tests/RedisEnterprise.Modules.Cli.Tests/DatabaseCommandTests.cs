namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary><c>check</c>, <c>databases</c> and <c>upgrade-db</c> against the simulated cluster, in both output modes.</summary>
public sealed class DatabaseCommandTests
{
    [Fact]
    public async Task Check_of_a_package_that_fits_exits_0_naming_the_databases_that_could_move_to_it()
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        string package = new ModulePackageBuilder("ReJSON", "2.8.9").WithModuleJsonProperty("compatible_redis_version", "7.4").WriteToTempFile();
        int requestsBefore = cluster.Requests.Count;

        CliResult json = await Cli.RunAsync(cluster, "check", package, "-o", "json");
        CliResult table = await Cli.RunAsync(cluster, "check", package);

        Assert.True(json.ExitCode == 0, json.ToString());
        JsonElement report = json.Json();
        Assert.True(report.GetProperty("compatible").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.Contains(report.GetProperty("upgrade_candidates").EnumerateArray(), d => d.GetProperty("name").GetString() == "orders");
        Assert.All(cluster.Requests.Skip(requestsBefore), r => Assert.Equal("GET", r.Method));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Out.Split('\n'), line => line.Contains("compatible") && line.Contains("yes"));
    }

    [Fact]
    public async Task Check_of_a_package_for_another_architecture_exits_3_with_a_problem_per_node()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true, NodeArchitecture = "aarch64" });
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile(); // x86_64

        CliResult json = await Cli.RunAsync(cluster, "check", package, "-o", "json");
        CliResult table = await Cli.RunAsync(cluster, "check", package);

        Assert.Equal(3, json.ExitCode);
        JsonElement report = json.Json();
        Assert.False(report.GetProperty("compatible").GetBoolean());
        Assert.Equal(cluster.Nodes.Select(n => (int?)n.Uid), report.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("code").GetString() == ModuleCompatibilityIssueCodes.ArchitectureMismatch)
            .Select(p => p.GetProperty("node_uid").GetInt32()).Cast<int?>());
        Assert.Equal(3, table.ExitCode);
        Assert.Contains(ModuleCompatibilityIssueCodes.ArchitectureMismatch, table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_of_a_package_the_check_refuses_exits_3_before_sending_it_unless_no_check()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true, NodeOsName = "ubuntu", NodeOsVersion = "22.04" });
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile(); // rhel9 and ubuntu18.04

        CliResult refused = await Cli.RunAsync(cluster, "install", package, "-o", "json");

        refused.AssertFailedWithProblem(3, "ModuleCompatibilityException", ModuleCompatibilityIssueCodes.OsNotSupported);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "POST");

        CliResult unchecked_ = await Cli.RunAsync(cluster, "install", package, "--no-check", "-o", "json");
        Assert.NotEqual(3, unchecked_.ExitCode);
        Assert.Contains(cluster.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Databases_lists_each_database_with_its_modules_and_module_filters_them()
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        cluster.AddDatabase(new FakeDatabase("plain", "7.4"));

        CliResult all = await Cli.RunAsync(cluster, "databases", "-o", "json");
        CliResult filtered = await Cli.RunAsync(cluster, "databases", "--module", "ReJSON", "-o", "json");
        CliResult table = await Cli.RunAsync(cluster, "databases");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(["orders", "plain"], all.Json().GetProperty("databases").EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order());
        JsonElement orders = Assert.Single(filtered.Json().GetProperty("databases").EnumerateArray());
        Assert.Equal("orders", orders.GetProperty("name").GetString());
        JsonElement module = Assert.Single(orders.GetProperty("modules").EnumerateArray());
        Assert.Equal("2.6.6", module.GetProperty("semantic_version").GetString());
        Assert.Equal("7.4", orders.GetProperty("redis_version").GetString());
        Assert.Contains(table.Out.Split('\n'), line => line.Contains("orders") && line.Contains("ReJSON 2.6.6"));
    }

    [Fact]
    public async Task Upgrade_db_dry_run_shows_the_database_as_it_would_be_and_changes_nothing()
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        int uid = cluster.Databases.Single(d => d.Name == "orders").Uid;

        CliResult result = await Cli.RunAsync(cluster, "upgrade-db", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--module", "ReJSON@2.8.4", "--dry-run", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement document = result.Json();
        Assert.True(document.GetProperty("dry_run").GetBoolean());
        Assert.Equal("2.8.4", Assert.Single(document.GetProperty("database").GetProperty("modules").EnumerateArray()).GetProperty("semantic_version").GetString());
        Assert.Equal("2.6.6", Assert.Single(cluster.Databases.Single(d => d.Uid == uid).Modules).SemanticVersion);
    }

    [Fact]
    public async Task Upgrade_db_moves_the_database_and_then_the_old_version_can_be_removed()
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        string uid = cluster.Databases.Single(d => d.Name == "orders").Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        CliResult inUse = await Cli.RunAsync(cluster, "remove", "ReJSON@2.6.6", "--yes", "-o", "json");
        CliResult upgraded = await Cli.RunAsync(cluster, "upgrade-db", uid, "--module", "ReJSON@2.8.4", "-o", "json");
        CliResult table = await Cli.RunAsync(cluster, "upgrade-db", uid, "--module", "ReJSON@2.8.4");
        CliResult removed = await Cli.RunAsync(cluster, "remove", "ReJSON@2.6.6", "--yes");

        Assert.Equal(1, inUse.ExitCode);
        Assert.Equal("module_in_use", inUse.Json().GetProperty("error").GetProperty("error_code").GetString());
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        Assert.False(upgraded.Json().GetProperty("dry_run").GetBoolean());
        Assert.Equal("2.8.4", Assert.Single(upgraded.Json().GetProperty("database").GetProperty("modules").EnumerateArray()).GetProperty("semantic_version").GetString());
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Out.Split('\n'), line => line.Contains("orders") && line.Contains("ReJSON 2.8.4"));
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "ReJSON" && m.SemanticVersion == "2.6.6");
    }

    [Fact]
    public async Task Upgrade_db_with_request_settings_still_previews_then_upgrades_and_waits_for_the_action()
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        string uid = cluster.Databases.Single(d => d.Name == "orders").Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        CliResult result = await Cli.RunAsync(cluster, "upgrade-db", uid, "--module", "ReJSON@2.8.4", "--preserve-roles", "--parallel-shards", "2", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2.8.4", Assert.Single(cluster.Databases.Single(d => d.Name == "orders").Modules).SemanticVersion);
        // The preview first, then the upgrade itself: settings do not skip the check of what the cluster will pick.
        Assert.Equal(2, cluster.Requests.Count(r => r.Method == "POST" && r.Path == $"/v1/bdbs/{uid}/upgrade"));
    }

    [Theory]
    [InlineData("--module", "ReJSON")]
    [InlineData("--module", "ReJSON@")]
    public async Task Upgrade_db_without_name_at_version_is_a_usage_error(string option, string value)
    {
        CliResult result = await Cli.RunAsync(["--simulate", "upgrade-db", "1", option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("name@version", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReJSON@9.9.9")]
    [InlineData("rejson@9.9.9")]
    public async Task Upgrade_db_to_a_version_the_cluster_lacks_exits_1(string reference)
    {
        CliResult result = await Cli.RunAsync(["--simulate", "upgrade-db", "1", "--module", reference, "-o", "json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ModuleNotFoundException", result.Json().GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("rejson@2.8.4")]
    [InlineData("REJSON@20804")]
    public async Task Upgrade_db_finds_the_module_as_get_and_remove_do_in_any_case_by_either_version(string reference)
    {
        await using FakeRedisEnterpriseCluster cluster = await StartWithOrdersAsync();
        string uid = cluster.Databases.Single(d => d.Name == "orders").Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        CliResult result = await Cli.RunAsync(cluster, "upgrade-db", uid, "--module", reference, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        DatabaseModule loaded = Assert.Single(cluster.Databases.Single(d => d.Name == "orders").Modules);
        Assert.Equal(("ReJSON", "2.8.4"), (loaded.ModuleName, loaded.SemanticVersion));
    }

    [Fact]
    public async Task Simulate_has_the_orders_database_on_an_older_rejson_to_upgrade()
    {
        CliResult databases = await Cli.RunAsync(["--simulate", "databases", "-o", "json"]);
        CliResult upgraded = await Cli.RunAsync(["--simulate", "upgrade-db", "1", "--module", "ReJSON@2.8.4", "-o", "json"]);

        JsonElement orders = Assert.Single(databases.Json().GetProperty("databases").EnumerateArray());
        Assert.Equal("ReJSON", Assert.Single(orders.GetProperty("modules").EnumerateArray()).GetProperty("module_name").GetString());
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
    }

    /// <summary>A cluster with ReJSON 2.6.6 besides the bundled 2.8.4, and a database 'orders' (Redis 7.4) that loads 2.6.6.</summary>
    private static async Task<FakeRedisEnterpriseCluster> StartWithOrdersAsync()
    {
        var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        await client.UploadModuleAsync(new ModulePackageBuilder("ReJSON", "2.6.6").WriteToTempFile(), cancellationToken: TestContext.Current.CancellationToken);
        cluster.AddDatabase(new FakeDatabase("orders", "7.4").WithModule("ReJSON", "2.6.6"));
        return cluster;
    }
}
