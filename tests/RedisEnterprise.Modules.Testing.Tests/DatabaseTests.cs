namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The fake's databases: the ones it starts with and adds, <c>GET /v1/bdbs[/{uid}]</c> with <c>?fields=</c>, and module_in_use derived from them.</summary>
public class DatabaseTests : DefaultClusterTests
{
    private static FakeClusterOptions WithDatabases(string softwareVersion, params FakeDatabase[] databases)
    {
        var options = new FakeClusterOptions { SoftwareVersion = softwareVersion, AllowModulesUpload = true, PollsToComplete = 2 };
        foreach (FakeDatabase database in databases) options.Databases.Add(database);
        return options;
    }

    private static string Describe(DatabaseInfo database) =>
        $"{database.Uid} {database.Name} {database.Status} {database.RedisVersion} {database.Version}: {string.Join(", ", database.Modules.Select(m => $"{m.ModuleId} {m.ModuleName} {m.SemanticVersion} '{m.ModuleArgs}'"))}";

    [Theory]
    [InlineData(Legacy72)]
    [InlineData("8.2.0-25")]
    public async Task The_databases_of_the_options_are_listed_with_the_modules_they_load(string softwareVersion)
    {
        StartCluster(WithDatabases(softwareVersion, new FakeDatabase("orders").WithModule("ReJSON", "2.8.4", "JSON.ARGS 1"), new FakeDatabase("cache", "8.0")));
        using var client = Cluster.CreateClient();

        IReadOnlyList<DatabaseInfo> databases = await client.ListDatabasesAsync(Ct);

        Assert.Equal([(1, "orders", "7.4", "7.4.2"), (2, "cache", "8.0", "8.0.2")], databases.Select(d => (d.Uid, d.Name!, d.RedisVersion!, d.Version!)));
        DatabaseModule json = Assert.Single(databases[0].Modules);
        Assert.Equal(Cluster.Modules.Single(m => m.ModuleName == "ReJSON").Uid, json.ModuleId);
        Assert.Equal(("ReJSON", "2.8.4", "JSON.ARGS 1"), (json.ModuleName, json.SemanticVersion, json.ModuleArgs));
        Assert.Empty(databases[1].Modules);
        Assert.Equal(databases.Select(Describe), Cluster.Databases.Select(Describe));
        Assert.Equal(Describe(databases[0]), Describe(await client.GetDatabaseAsync(1, Ct)));
    }

    [Fact]
    public async Task A_database_added_later_can_load_an_uploaded_module_and_is_found_by_it()
    {
        using var client = Cluster.CreateClient();
        ModuleInfo gears = await client.UploadModuleAsync(new ModulePackageBuilder("rg", "1.2.1").WriteToTempFile(), cancellationToken: Ct);

        DatabaseInfo added = Cluster.AddDatabase(new FakeDatabase("jobs").WithModule("rg", "1.2.1"));
        Cluster.AddDatabase(new FakeDatabase("other", "7.4") { Uid = 10 }.WithModule("bf", "2.8.2"));

        Assert.Equal(gears.Uid, added.FindModule("rg")!.ModuleId);
        Assert.Equal([added.Uid], (await client.FindDatabasesUsingModuleAsync("rg", Ct)).Select(d => d.Uid));
        Assert.Equal([10], (await client.FindDatabasesUsingModuleAsync("bf", Ct)).Select(d => d.Uid));
        Assert.Equal(11, Cluster.AddDatabase(new FakeDatabase("next")).Uid);
    }

    [Fact]
    public void A_database_that_names_a_module_the_cluster_lacks_or_a_taken_uid_is_refused()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Cluster.AddDatabase(new FakeDatabase("x").WithModule("ReJSON", "9.9.9")));
        Assert.Contains("ReJSON 9.9.9", unknown.Message, StringComparison.Ordinal);
        Cluster.AddDatabase(new FakeDatabase("one"));
        Assert.Throws<ArgumentException>(() => Cluster.AddDatabase(new FakeDatabase("again") { Uid = 1 }));
        Assert.Throws<ArgumentException>(() => new FakeDatabase("bad", "eight"));
        var options = WithDatabases(Legacy72, new FakeDatabase("y").WithModule("nope", "1.0.0"));
        Assert.Throws<ArgumentException>(() => FakeRedisEnterpriseCluster.Start(options));
    }

    [Fact]
    public async Task Fields_narrow_the_answer_and_without_them_the_answer_carries_a_secret_as_a_real_one_does()
    {
        StartCluster(WithDatabases(Legacy72, new FakeDatabase("orders").WithModule("ReJSON", "2.8.4")));

        JsonElement whole = await GetJsonAsync(Admin, "/v1/bdbs/1");
        JsonElement narrow = await GetJsonAsync(Admin, "/v1/bdbs/1?fields=uid,module_list");
        JsonElement listed = (await GetJsonAsync(Admin, "/v1/bdbs?fields=name")).EnumerateArray().Single();

        Assert.True(whole.TryGetProperty("authentication_admin_pass", out _));
        Assert.Equal(["uid", "module_list"], narrow.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], listed.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_client_never_receives_the_database_secret()
    {
        StartCluster(WithDatabases(Legacy72, new FakeDatabase("orders")));
        using var client = Cluster.CreateClient();

        DatabaseInfo database = await client.GetDatabaseAsync(1, Ct);

        Assert.Empty(database.AdditionalData);
        FakeClusterRequest get = Assert.Single(Cluster.Requests, r => r.Path == "/v1/bdbs/1");
        Assert.Equal(200, get.StatusCode);
    }

    [Theory]
    [InlineData("/v1/bdbs/9")]
    [InlineData("/v1/bdbs/x")]
    public async Task A_missing_database_is_404_db_not_exist(string path)
    {
        using HttpResponseMessage response = await Admin.GetAsync(path, Ct);
        await AssertErrorAsync(response, 404, "db_not_exist");
        using var client = Cluster.CreateClient();
        Assert.Equal(9, (await Assert.ThrowsAsync<DatabaseNotFoundException>(() => client.GetDatabaseAsync(9, Ct))).Uid);
    }

    [Theory]
    [InlineData(Legacy72)]
    [InlineData("8.2.0-25")]
    public async Task Deleting_a_module_a_database_loads_is_module_in_use(string softwareVersion)
    {
        StartCluster(WithDatabases(softwareVersion, new FakeDatabase("orders").WithModule("search", "2.10.5")));
        using var client = Cluster.CreateClient();
        string uid = Cluster.Modules.Single(m => m.ModuleName == "search").Uid;

        var error = await Assert.ThrowsAsync<ModuleInUseException>(() => client.DeleteModuleAsync(uid, Ct));

        Assert.Equal(406, error.Status);
        Assert.Contains(Cluster.Modules, m => m.Uid == uid);
        string unused = Cluster.Modules.Single(m => m.ModuleName == "bf").Uid;
        await client.DeleteModuleAsync(unused, Ct); // a module no database loads still goes
        Assert.DoesNotContain(Cluster.Modules, m => m.Uid == unused);
    }
}
