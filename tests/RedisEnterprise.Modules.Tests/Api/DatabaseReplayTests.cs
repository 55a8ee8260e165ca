using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Tests.Api;

/// <summary>The database reads, replaying a real captured database (bdb-single.json: an 8.0 cluster's <c>GET /v1/bdbs/1</c>).</summary>
public class DatabaseReplayTests : IDisposable
{
    private const string CapturedAdminPassword = "MTRp3pu6VGSojFkfw5v1iiHFnU3NYFvUHtoMDybsZAufxDfL";
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private static string Capture => MockCluster.Data("bdb-single.json");

    private string FieldsQueryOf(string method, string path)
    {
        var request = _cluster.Single(method, path).RequestMessage!;
        Assert.Equal(path, request.Path);
        return System.Web.HttpUtility.ParseQueryString(request.RawQuery ?? string.Empty)["fields"]!;
    }

    [Fact]
    public async Task Get_database_asks_only_for_the_modeled_fields_and_reads_the_capture()
    {
        _cluster.Given("GET", "/v1/bdbs/1", 200, Capture);
        using var client = _cluster.CreateClient();

        DatabaseInfo database = await client.GetDatabaseAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal("uid,name,status,redis_version,version,module_list", FieldsQueryOf("GET", "/v1/bdbs/1"));
        Assert.Equal((1, "default-db", "active", "8.0", "8.0.0"), (database.Uid, database.Name, database.Status, database.RedisVersion, database.Version));
        Assert.Equal(["timeseries", "search", "bf", "ReJSON"], database.Modules.Select(m => m.ModuleName));
        DatabaseModule timeseries = database.FindModule("timeseries")!;
        Assert.Equal(("891142de155df09c6739543b422178f4", "8.0.2", ""), (timeseries.ModuleId, timeseries.SemanticVersion, timeseries.ModuleArgs));
        Assert.Equal("7.99.3", database.FindModule("ReJSON")!.SemanticVersion);
        Assert.Null(database.FindModule("rejson")); // names compare exactly, as the cluster compares them
    }

    [Fact]
    public async Task A_cluster_that_ignores_fields_keeps_its_other_keys_but_never_the_database_credentials()
    {
        _cluster.Given("GET", "/v1/bdbs/1", 200, Capture);
        using var client = _cluster.CreateClient();

        DatabaseInfo database = await client.GetDatabaseAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal("volatile-lru", database.AdditionalData["eviction_policy"].GetString()); // unknown keys kept
        Assert.DoesNotContain(database.AdditionalData.Keys, k => k.StartsWith("authentication_", StringComparison.Ordinal));
        string everything = database + string.Join(",", database.AdditionalData.Select(p => p.Key + "=" + p.Value.GetRawText())) + database.Modules[0];
        Assert.DoesNotContain(CapturedAdminPassword, everything, StringComparison.Ordinal);
        Assert.Contains("default-db", database.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_nested_in_other_keys_are_dropped_too()
    {
        const string BackupSecret = "aws-Secret-Key-0123456789", SourcePassword = "repl1ca-Source-Passw0rd";
        _cluster.Given("GET", "/v1/bdbs/1", 200, $$"""
            {"uid": 1, "name": "orders", "eviction_policy": "noeviction",
             "backup_location": {"type": "s3", "bucket_name": "b", "access_key_id": "AKIA", "secret_access_key": "{{BackupSecret}}"},
             "replica_sources": [{"uri": "redis://:{{SourcePassword}}@10.0.0.1:12000", "compression": 0}],
             "sync_sources": [{"uid": 1, "uri": "redis://10.0.0.2:12000"}]}
            """);
        using var client = _cluster.CreateClient();

        DatabaseInfo database = await client.GetDatabaseAsync(1, TestContext.Current.CancellationToken);

        string everything = string.Join(",", database.AdditionalData.Select(p => p.Key + "=" + p.Value.GetRawText()));
        Assert.DoesNotContain(BackupSecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(SourcePassword, everything, StringComparison.Ordinal);
        Assert.Equal("noeviction", database.AdditionalData["eviction_policy"].GetString());
        Assert.Contains("sync_sources", database.AdditionalData.Keys); // a URI without credentials stays
    }

    [Fact]
    public async Task List_databases_asks_for_the_same_fields_and_reads_each()
    {
        _cluster.Given("GET", "/v1/bdbs", 200, $"[{Capture}, {{\"uid\": \"2\", \"name\": \"plain\", \"redis_version\": \"7.4\"}}]");
        using var client = _cluster.CreateClient();

        IReadOnlyList<DatabaseInfo> databases = await client.ListDatabasesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(IDatabasesApi.Fields, FieldsQueryOf("GET", "/v1/bdbs"));
        Assert.Equal([1, 2], databases.Select(d => d.Uid));
        Assert.Empty(databases[1].Modules); // no module_list: an empty list, never null
        Assert.Equal("7.4", databases[1].RedisVersion);
    }

    [Fact]
    public async Task Find_databases_using_a_module_keeps_those_that_load_it_whatever_the_version()
    {
        _cluster.Given("GET", "/v1/bdbs", 200, """
            [{"uid":1,"name":"a","module_list":[{"module_id":"j1","module_name":"ReJSON","semantic_version":"2.6.0","module_args":""}]},
             {"uid":2,"name":"b","module_list":[{"module_id":"s1","module_name":"search","semantic_version":"2.10.5","module_args":""}]},
             {"uid":3,"name":"c","module_list":[{"module_id":"j2","module_name":"ReJSON","semantic_version":"2.8.4","module_args":"X 1"}]}]
            """);
        using var client = _cluster.CreateClient();

        IReadOnlyList<DatabaseInfo> users = await client.FindDatabasesUsingModuleAsync("ReJSON", TestContext.Current.CancellationToken);

        Assert.Equal([1, 3], users.Select(d => d.Uid));
        await Assert.ThrowsAsync<ArgumentException>(() => client.FindDatabasesUsingModuleAsync(" ", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(404, null)]
    [InlineData(404, "db_not_exist")]
    [InlineData(400, "db_not_exist")]
    public async Task A_missing_database_is_database_not_found_with_its_uid(int status, string? code)
    {
        _cluster.Given("GET", "/v1/bdbs/7", status, code is null ? null : $$"""{"error_code":"{{code}}","message":"no such database"}""");
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<DatabaseNotFoundException>(() => client.GetDatabaseAsync(7, TestContext.Current.CancellationToken));

        Assert.Equal(7, error.Uid);
        Assert.Equal(status, error.Status);
        Assert.Contains("uid 7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/bdbs", "view_all_bdbs_info")]
    [InlineData("/v1/bdbs/3", "view_bdb_info")]
    public async Task Forbidden_names_the_documented_permission(string path, string permission)
    {
        _cluster.Given("GET", path, 403);
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => path == "/v1/bdbs" ? client.ListDatabasesAsync(TestContext.Current.CancellationToken) : client.GetDatabaseAsync(3, TestContext.Current.CancellationToken));

        Assert.Equal(permission, error.RequiredPermission);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_uid_below_1_is_refused_before_any_request(int uid)
    {
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetDatabaseAsync(uid, TestContext.Current.CancellationToken));
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public void The_model_factory_builds_a_database_whose_modules_are_never_null()
    {
        DatabaseInfo empty = RedisEnterpriseModulesModelFactory.DatabaseInfo(uid: 4, name: "x");
        Assert.Empty(empty.Modules);
        DatabaseInfo built = RedisEnterpriseModulesModelFactory.DatabaseInfo(uid: 5, redisVersion: "7.4", modules: [RedisEnterpriseModulesModelFactory.DatabaseModule("m1", "ReJSON", "2.8.4", "")]);
        Assert.Equal("m1", built.FindModule("ReJSON")!.ModuleId);
    }
}
