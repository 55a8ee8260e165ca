using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Api;

/// <summary>
/// The requests of Redis Software 8's module management (the cluster, its nodes, and the five user-defined module requests),
/// through the Refit interfaces as the SDK wires them, replaying the documented and captured answers.
/// </summary>
public class UserDefinedReplayTests : IDisposable
{
    private const string ModuleUid = "c2a0ec3b2a7d4c1f9e8b7a6d5c4b3a21";
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task The_captured_cluster_answer_parses()
    {
        _cluster.Given("GET", "/v1/cluster", 200, MockCluster.Data("cluster.json"));
        ClusterInfo cluster = await _cluster.CreateApi().GetClusterAsync();

        Assert.Equal("docker-cluster", cluster.Name);
        Assert.Equal(9443, cluster.RestApiPort);
        Assert.Equal(40, cluster.ModuleUploadMaxSizeMb);
        Assert.Null(cluster.AllowModulesUpload); // this development build has no such setting
        Assert.Equal(8443, cluster.AdditionalData["cm_port"].GetInt32());
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Allow_modules_upload_reads_when_the_cluster_has_it(string wire, bool expected)
    {
        _cluster.Given("GET", "/v1/cluster", 200, $$"""{"name":"c1","cnm_https_port":9443,"allow_modules_upload":{{wire}}}""");
        Assert.Equal(expected, (await _cluster.CreateApi().GetClusterAsync()).AllowModulesUpload);
    }

    [Fact]
    public async Task Switching_uploads_sends_only_the_setting()
    {
        _cluster.Given("PUT", "/v1/cluster", 200, """{"name":"c1","allow_modules_upload":true}""");
        await _cluster.CreateApi().SetModuleUploadsAsync(true);

        var request = _cluster.Single("PUT", "/v1/cluster").RequestMessage!;
        using JsonDocument body = JsonDocument.Parse(request.Body!);
        JsonProperty only = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("allow_modules_upload", only.Name);
        Assert.True(only.Value.GetBoolean());
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_captured_nodes_answer_parses()
    {
        _cluster.Given("GET", "/v1/nodes", 200, MockCluster.Data("nodes-list.json"));
        NodeInfo node = Assert.Single(await _cluster.CreateApi().ListNodesAsync());

        Assert.Equal(1, node.Uid);
        Assert.Equal("192.168.16.2", node.Address);
        Assert.Empty(node.ExternalAddresses!);
        Assert.Equal("active", node.Status);
        Assert.True(node.IsActive);
        Assert.Equal("100.0.21-16135", node.SoftwareVersion);
        Assert.Equal("ubuntu", node.OsName);
        Assert.Equal("22.04", node.OsSemanticVersion);
        Assert.Equal("Ubuntu 22.04.5 LTS", node.OsVersion);
        Assert.Equal("aarch64", node.Architecture);
        Assert.Equal(1, node.ShardCount);
        Assert.Equal(5, node.SupportedDatabaseVersions!.Count);
        SupportedDatabaseVersion redis8 = node.SupportedDatabaseVersions[4];
        Assert.Equal(("redis", "8.0", "8.0.0", (bool?)true), (redis8.DbType, redis8.RedisVersion, redis8.Version, redis8.IsMajor));
        SupportedDatabaseVersion memcached = node.SupportedDatabaseVersions[3];
        Assert.Equal(("memcached", null, "1.4.17", (bool?)null), (memcached.DbType, memcached.RedisVersion, memcached.Version, memcached.IsMajor));
        Assert.Equal(14, node.AdditionalData["cores"].GetInt32());
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("\"2\"", 2)]
    [InlineData("2.0", 2)]
    public void A_node_uid_reads_as_a_number_a_string_or_an_integral_float(string wire, int expected) =>
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Deserialize($$"""[{"uid":{{wire}}}]""", RedisEnterprise.Modules.Serialization.ModulesJsonContext.Default.IReadOnlyListNodeInfo)![0].Uid);

    [Theory]
    [InlineData("""[{"uid":2.5}]""")]
    [InlineData("""[{"uid":4294967296}]""")]
    [InlineData("""[{"uid":null}]""")]
    [InlineData("""[{"uid":"two"}]""")]
    public void A_node_uid_that_is_not_an_integer_is_an_error_not_a_silent_zero(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, RedisEnterprise.Modules.Serialization.ModulesJsonContext.Default.IReadOnlyListNodeInfo));

    [Fact]
    public async Task Creating_a_user_defined_module_posts_module_json_as_json_and_returns_the_module()
    {
        _cluster.Given("POST", "/v2/modules/user-defined", 200, $$"""{"uid":"{{ModuleUid}}","module_name":"rg","semantic_version":"1.0.12","version":10012,"author":"RedisLabs"}""");
        ModulePackageMetadata metadata = RedisEnterpriseModulesModelFactory.ModulePackageMetadata(
            moduleName: "rg",
            semanticVersion: "1.0.12",
            version: 10012,
            commandLineArgs: "Plugin gears_python",
            capabilities: ["types", "crdb"],
            minRedisVersion: "7.0",
            commands: [RedisEnterpriseModulesModelFactory.ModulePackageCommand(commandName: "rg.pyexecute", commandArity: -1, flags: ["write"], firstKey: 0, lastKey: 0, step: 0)],
            additionalData: new Dictionary<string, JsonElement> { ["git_sha"] = JsonDocument.Parse("\"abc123\"").RootElement.Clone() });

        ModuleInfo module = await _cluster.CreateApi().CreateUserDefinedModuleAsync(metadata);

        Assert.Equal(ModuleUid, module.Uid);
        Assert.Equal("RedisLabs", module.Author);
        var request = _cluster.Single("POST", "/v2/modules/user-defined").RequestMessage!;
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("Content-Length"));
        using JsonDocument body = JsonDocument.Parse(request.Body!);
        JsonElement root = body.RootElement;
        Assert.Equal("rg", root.GetProperty("module_name").GetString());
        Assert.Equal(10012, root.GetProperty("version").GetInt64());
        Assert.Equal("1.0.12", root.GetProperty("semantic_version").GetString());
        Assert.Equal("Plugin gears_python", root.GetProperty("command_line_args").GetString());
        Assert.Equal("7.0", root.GetProperty("min_redis_version").GetString());
        Assert.Equal("rg.pyexecute", root.GetProperty("commands")[0].GetProperty("command_name").GetString());
        Assert.Equal(-1, root.GetProperty("commands")[0].GetProperty("command_arity").GetInt32());
        Assert.Equal("abc123", root.GetProperty("git_sha").GetString()); // module.json's other keys travel as they are
    }

    [Theory]
    [InlineData(406, "invalid_module", typeof(InvalidModuleException))]
    [InlineData(403, "modules_upload_disabled", typeof(ModuleUploadDisabledException))]
    [InlineData(403, null, typeof(PermissionDeniedException))]
    public async Task Creating_a_user_defined_module_documented_errors(int status, string? errorCode, Type expected)
    {
        _cluster.Given("POST", "/v2/modules/user-defined", status, errorCode is null ? null : $$"""{"error_code":"{{errorCode}}","description":"documented failure"}""");
        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => _cluster.CreateApi().CreateUserDefinedModuleAsync(RedisEnterpriseModulesModelFactory.ModulePackageMetadata(moduleName: "rg", version: 1)));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        if (error is PermissionDeniedException denied) Assert.Equal("manage_cluster_modules", denied.RequiredPermission);
        if (error is ModuleUploadDisabledException) Assert.Contains("EnableModuleUploads", error.Message, StringComparison.Ordinal);
        if (error is ModuleUploadDisabledException) Assert.Contains("PUT /v1/cluster", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, null, null)]
    [InlineData(404, "module_delete_failed", typeof(ModuleNotFoundException))]
    [InlineData(406, "module_in_use", typeof(ModuleInUseException))]
    [InlineData(406, null, typeof(RedisEnterpriseException))]
    public async Task Deleting_a_user_defined_module_documented_statuses(int status, string? errorCode, Type? expected)
    {
        _cluster.Given("DELETE", $"/v2/modules/user-defined/{ModuleUid}", status, errorCode is null ? null : $$"""{"error_code":"{{errorCode}}","description":"documented"}""");
        Task call = _cluster.CreateApi().DeleteUserDefinedModuleAsync(ModuleUid);
        if (expected is null)
        {
            await call;
            Assert.Single(_cluster.Received);
            return;
        }

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => call);
        Assert.IsType(expected, error);
        if (error is ModuleNotFoundException missing) Assert.Equal(ModuleUid, missing.Uid);
    }

    [Fact]
    public async Task Listing_a_nodes_artifacts_reads_the_documented_answer_and_an_empty_one()
    {
        _cluster.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, """[{"module_name": "TestModule", "version": 123, "dependencies": ["dep_1", "dep_2"]}]""");
        ModuleArtifact artifact = Assert.Single(await _cluster.CreateApi().ListArtifactsAsync());
        Assert.Equal("TestModule", artifact.ModuleName);
        Assert.Equal(123, artifact.Version);
        Assert.Equal(["dep_1", "dep_2"], artifact.Dependencies!);

        _cluster.Server.Reset();
        _cluster.Given("GET", "/v2/local/modules/user-defined/artifacts", 200, "[]");
        Assert.Empty(await _cluster.CreateApi().ListArtifactsAsync());
    }

    [Fact]
    public async Task Uploading_an_artifact_streams_the_zip_as_the_module_part()
    {
        _cluster.Given("POST", "/v2/local/modules/user-defined/artifacts", 200, "{}");
        byte[] zip = Encoding.ASCII.GetBytes("PK\u0003\u0004 pretend zip bytes");
        await _cluster.CreateApi().UploadArtifactAsync(new ModuleFilePart(new MemoryStream(zip), "rg.Linux-rhel9-x86_64.1.0.12.zip", null, ownsStream: false));
        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/local/modules/user-defined/artifacts").RequestMessage!, "rg.Linux-rhel9-x86_64.1.0.12.zip", zip);
    }

    [Theory]
    [InlineData(400, "no_module", typeof(ModuleFileMissingException))]
    [InlineData(406, "invalid_module", typeof(InvalidModuleException))]
    [InlineData(403, "modules_upload_disabled", typeof(ModuleUploadDisabledException))]
    [InlineData(406, null, typeof(RedisEnterpriseException))]
    public async Task Uploading_an_artifact_documented_errors(int status, string? errorCode, Type expected)
    {
        _cluster.Given("POST", "/v2/local/modules/user-defined/artifacts", status, errorCode is null ? null : $$"""{"error_code":"{{errorCode}}","description":"documented"}""");
        var part = new ModuleFilePart(new MemoryStream([1, 2, 3]), "m.zip", null, ownsStream: false);
        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => _cluster.CreateApi().UploadArtifactAsync(part));
        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
    }

    [Theory]
    [InlineData(200, null, null)]
    [InlineData(404, "module_delete_failed", typeof(ModuleNotFoundException))]
    [InlineData(406, "module_in_use", typeof(ModuleInUseException))]
    public async Task Deleting_an_artifact_documented_statuses(int status, string? errorCode, Type? expected)
    {
        _cluster.Given("DELETE", "/v2/local/modules/user-defined/artifacts/TestModule/123", status, errorCode is null ? null : $$"""{"error_code":"{{errorCode}}","description":"documented"}""");
        Task call = _cluster.CreateApi().DeleteArtifactAsync("TestModule", 123);
        if (expected is null)
        {
            await call;
            Assert.Equal("/v2/local/modules/user-defined/artifacts/TestModule/123", Assert.Single(_cluster.Received).RequestMessage!.Path);
            return;
        }

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => call);
        Assert.IsType(expected, error);
        if (error is ModuleNotFoundException missing) Assert.Equal("TestModule/123", missing.Uid);
    }
}
