using RedisEnterprise.Modules.Tests.Models;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Api;

/// <summary>Each documented endpoint, through the Refit interfaces as the SDK wires them, replaying the documented answers.</summary>
public class EndpointReplayTests : IDisposable
{
    private const string Uid = "98f255d5d33704c8e4e97897fd92e32d";
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task List_modules_200()
    {
        _cluster.Given("GET", "/v1/modules", 200, MockCluster.Data("modules-list-16.json"));
        IReadOnlyList<ModuleInfo> modules = await _cluster.CreateApi().ListModulesAsync();
        Assert.Equal(16, modules.Count);
        var request = _cluster.Single("GET", "/v1/modules").RequestMessage!;
        Assert.Equal("application/json", request.Headers!["Accept"].Single());
        Assert.StartsWith("Basic ", request.Headers["Authorization"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_module_200_and_404()
    {
        string body = MockCluster.Data("module-v2-redisgears.json");
        _cluster.Given("GET", $"/v1/modules/{Uid}", 200, body);
        _cluster.Given("GET", "/v1/modules/missing", 404, """{"error_code":"module_not_found","message":"Module does not exist."}""");
        var api = _cluster.CreateApi();

        ModuleAssertions.IsRedisGearsExample(await api.GetModuleAsync(Uid));
        var error = await Assert.ThrowsAsync<ModuleNotFoundException>(() => api.GetModuleAsync("missing"));
        Assert.Equal("missing", error.Uid);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Upload_v2_200_returns_the_documented_module_with_action_uid()
    {
        _cluster.Given("POST", "/v2/modules", 200, MockCluster.Data("module-v2-redisgears.json"));
        byte[] zip = Encoding.ASCII.GetBytes("PK\u0003\u0004 pretend zip bytes");
        ModuleInfo module = await _cluster.CreateApi().UploadModuleAsync(new ModuleFilePart(new MemoryStream(zip), "rg.Linux-ubuntu18.04-x86_64.1.2.1.zip", null, ownsStream: false));
        ModuleAssertions.IsRedisGearsExample(module);
        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/modules").RequestMessage!, "rg.Linux-ubuntu18.04-x86_64.1.2.1.zip", zip);
    }

    [Theory]
    [InlineData("/v2/modules", 400, "invalid_dependency_data", typeof(InvalidDependencyDataException))]
    [InlineData("/v2/modules", 400, "module_exists", typeof(ModuleAlreadyExistsException))]
    [InlineData("/v2/modules", 404, null, typeof(DependencyNotFoundException))]
    [InlineData("/v2/modules", 500, null, typeof(DependencyDownloadException))]
    [InlineData("/v1/modules", 400, "no_module", typeof(ModuleFileMissingException))]
    [InlineData("/v1/modules", 400, "invalid_module", typeof(InvalidModuleException))]
    [InlineData("/v1/modules", 400, "module_exists", typeof(ModuleAlreadyExistsException))]
    [InlineData("/v1/modules", 400, "min_redis_pack_version", typeof(IncompatibleClusterVersionException))]
    [InlineData("/v1/modules", 400, "unsupported_module_capabilities", typeof(UnsupportedModuleCapabilitiesException))]
    [InlineData("/v1/modules", 400, "os_not_supported", typeof(UnsupportedOperatingSystemException))]
    [InlineData("/v1/modules", 400, "dependencies_not_supported", typeof(DependenciesNotSupportedException))]
    public async Task Upload_documented_errors(string path, int status, string? errorCode, Type expected)
    {
        string? body = errorCode is null ? null : $$"""{"error_code":"{{errorCode}}","message":"documented failure"}""";
        _cluster.Given("POST", path, status, body);
        var api = _cluster.CreateApi();
        var part = new ModuleFilePart(new MemoryStream([1, 2, 3]), "m.zip", null, ownsStream: false);

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => path == "/v1/modules" ? api.UploadModuleV1Async(part) : api.UploadModuleAsync(part));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
        Assert.Equal(errorCode, error.ErrorCode);
        if (errorCode is not null) Assert.Equal("documented failure", error.ServerMessage);
    }

    [Fact]
    public async Task Upload_v1_200_returns_the_module()
    {
        _cluster.Given("POST", "/v1/modules", 200, MockCluster.Data("module-v2-redisgears.json"));
        ModuleInfo module = await _cluster.CreateApi().UploadModuleV1Async(new ModuleFilePart(new MemoryStream([1]), "m.zip", null, ownsStream: false));
        Assert.Equal("rg", module.ModuleName);
    }

    [Fact]
    public async Task Delete_v2_200_returns_the_action_and_404_maps()
    {
        _cluster.Given("DELETE", $"/v2/modules/{Uid}", 200, """{"action_uid":"a1"}""");
        _cluster.Given("DELETE", "/v2/modules/nope", 404);
        var api = _cluster.CreateApi();

        Assert.Equal("a1", await api.DeleteModuleAsync(Uid));
        Assert.Equal("nope", (await Assert.ThrowsAsync<ModuleNotFoundException>(() => api.DeleteModuleAsync("nope"))).Uid);
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(404, typeof(ModuleNotFoundException))]
    [InlineData(406, typeof(RedisEnterpriseException))]
    public async Task Delete_v1_documented_statuses(int status, Type? expected)
    {
        _cluster.Given("DELETE", $"/v1/modules/{Uid}", status);
        Task call = _cluster.CreateApi().DeleteModuleV1Async(Uid);
        if (expected is null)
        {
            await call;
            Assert.Equal(200, _cluster.Received.Single().ResponseMessage!.StatusCode);
            return;
        }

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => call);
        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public async Task Delete_v1_dependencies_not_supported()
    {
        _cluster.Given("DELETE", $"/v1/modules/{Uid}", 400, """{"error_code":"dependencies_not_supported","message":"use /v2/modules/<uid>"}""");
        var error = await Assert.ThrowsAsync<DependenciesNotSupportedException>(() => _cluster.CreateApi().DeleteModuleV1Async(Uid));
        Assert.Equal("use /v2/modules/<uid>", error.ServerMessage);
    }

    [Theory]
    [InlineData("action-v1-task.json", false)]
    [InlineData("action-v1-state-machine.json", false)]
    [InlineData("action-v2-additional-info.json", true)]
    public async Task Actions_v1_and_v2(string file, bool v2)
    {
        string body = MockCluster.Data(file);
        _ = v2; // a v2 action's body, as a cluster may answer it on /v1 too
        _cluster.Given("GET", "/v1/actions/x1", 200, body);
        ActionInfo action = await _cluster.CreateApi().GetActionAsync("x1");
        Assert.NotNull(action.ActionUid);
        Assert.True(action.IsTerminal);
    }

    [Fact]
    public async Task Action_404_is_action_not_found()
    {
        _cluster.Given("GET", "/v1/actions/gone", 404);
        var error = await Assert.ThrowsAsync<ActionNotFoundException>(() => _cluster.CreateApi().GetActionAsync("gone"));
        Assert.Equal("gone", error.ActionUid);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"uid":"1","module_name":""")]
    [InlineData("""[{"uid":"1"}]""")]
    public async Task Bad_json_fails_clearly_naming_the_endpoint(string body)
    {
        _cluster.Given("GET", "/v1/modules/1", 200, body);
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => _cluster.CreateApi().GetModuleAsync("1"));
        Assert.Contains("GET /v1/modules/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the JSON", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }
}
