namespace RedisEnterprise.Modules.Tests.Errors;

/// <summary>Every row of the error table, through the client, with each error body shape real clusters send.</summary>
public class ErrorMappingTests : IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    public static TheoryData<string, Type> DocumentedCodes => new()
    {
        { "no_module", typeof(ModuleFileMissingException) },
        { "invalid_module", typeof(InvalidModuleException) },
        { "module_exists", typeof(ModuleAlreadyExistsException) },
        { "min_redis_pack_version", typeof(IncompatibleClusterVersionException) },
        { "unsupported_module_capabilities", typeof(UnsupportedModuleCapabilitiesException) },
        { "os_not_supported", typeof(UnsupportedOperatingSystemException) },
        { "dependencies_not_supported", typeof(DependenciesNotSupportedException) },
        { "invalid_dependency_data", typeof(InvalidDependencyDataException) },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task Documented_error_code_with_message(string code, Type expected)
    {
        _cluster.Given("POST", "/v2/modules", 400, $$"""{"error_code":"{{code}}","message":"the message"}""");
        var error = await UploadFails();
        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("the message", error.ServerMessage);
        Assert.Equal(400, error.Status);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/v2/modules", error.Path);
        Assert.Contains("POST /v2/modules", error.Message, StringComparison.Ordinal);
        Assert.Contains("the message", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task Documented_error_code_with_description_and_status_code(string code, Type expected)
    {
        _cluster.Given("POST", "/v2/modules", 400, $$"""{"error_code":"{{code}}","description":"the description","status_code":400}""");
        var error = await UploadFails();
        Assert.IsType(expected, error);
        Assert.Equal("the description", error.ServerMessage);
    }

    [Fact]
    public async Task An_error_code_that_is_not_documented_gets_the_base_type()
    {
        _cluster.Given("POST", "/v2/modules", 400, """{"error_code":"module_upload_queue_full","message":"try later"}""");
        var error = await UploadFails();
        Assert.Equal(typeof(RedisEnterpriseException), error.GetType());
        Assert.Equal("module_upload_queue_full", error.ErrorCode);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")]
    [InlineData("upstream connect error", "text/plain")]
    public async Task Bodies_without_error_code_map_by_status(string? body, string contentType)
    {
        _cluster.Given("GET", "/v1/modules/abc", 404, body, contentType);
        _cluster.Given("GET", "/v1/modules", 502, body, contentType);
        using var client = _cluster.CreateClient();

        var notFound = await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync("abc"));
        Assert.Equal("abc", notFound.Uid);
        Assert.Null(notFound.ErrorCode);

        var generic = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.Equal(502, generic.Status);
        Assert.Null(generic.ErrorCode);
        Assert.Null(generic.ServerMessage);
        if (body is not null) Assert.Contains(body.Length > 40 ? "502 Bad Gateway" : body, generic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_on_get_module_is_not_found_whatever_undocumented_code_it_carries()
    {
        _cluster.Given("GET", "/v1/modules/abc", 404, """{"error_code":"object_not_found","message":"no such module"}""");
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync("abc"));
        Assert.Equal("object_not_found", error.ErrorCode);
        Assert.Equal("no such module", error.ServerMessage);
    }

    [Fact]
    public async Task Unauthorized_401()
    {
        _cluster.Given("GET", "/v1/modules", 401, """{"error_code":"unauthorized","message":"Unauthorized"}""");
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.ListModulesAsync());
        Assert.Equal(401, error.Status);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/modules", "view_cluster_modules")]
    [InlineData("POST", "/v2/modules", "update_cluster")]
    [InlineData("DELETE", "/v2/modules/abc", "update_cluster")]
    [InlineData("DELETE", "/v1/modules/abc", "update_cluster")]
    [InlineData("GET", "/v1/actions/abc", "view_status_of_cluster_action")]
    public async Task Forbidden_403_names_the_documented_permission(string method, string path, string permission)
    {
        _cluster.Given(method, path, 403);
        using var client = _cluster.CreateClient();
        Task call = (method, path) switch
        {
            ("GET", "/v1/modules") => client.ListModulesAsync(),
            ("POST", _) => client.StartUploadModuleAsync(new MemoryStream([1]), "m.zip"),
            ("DELETE", "/v2/modules/abc") => client.StartDeleteModuleAsync("abc"),
            ("DELETE", _) => client.DeleteModuleV1Async("abc"),
            _ => client.GetActionAsync("abc"),
        };
        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => call);
        Assert.Equal(permission, error.RequiredPermission);
        Assert.Contains(permission, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/v2/modules")]
    [InlineData("POST", "/v1/modules")]
    [InlineData("DELETE", "/v2/modules/abc")]
    [InlineData("DELETE", "/v1/modules/abc")]
    public async Task Method_not_allowed_405_on_module_changes_explains_redis_software_8(string method, string path)
    {
        _cluster.Given(method, path, 405);
        using var client = _cluster.CreateClient();
        Task call = (method, path) switch
        {
            ("POST", "/v2/modules") => client.StartUploadModuleAsync(new MemoryStream([1]), "m.zip"),
            ("POST", _) => client.UploadModuleV1Async(new MemoryStream([1]), "m.zip"),
            ("DELETE", "/v2/modules/abc") => client.StartDeleteModuleAsync("abc"),
            _ => client.DeleteModuleV1Async("abc"),
        };
        var error = await Assert.ThrowsAsync<ModuleManagementNotSupportedException>(() => call);
        Assert.Contains("Redis Software 8", error.Message, StringComparison.Ordinal);
        Assert.Equal(405, error.Status);
    }

    [Fact]
    public async Task Status_rows_of_the_v2_upload()
    {
        using var client = _cluster.CreateClient();
        _cluster.Given("POST", "/v2/modules", 404, """{"message":"dependency gears_jvm not found"}""");
        Assert.IsType<DependencyNotFoundException>(await UploadFails(client));
        _cluster.Server.Reset();
        _cluster.Given("POST", "/v2/modules", 500, "");
        Assert.IsType<DependencyDownloadException>(await UploadFails(client));
    }

    [Fact]
    public async Task Other_codes_keep_status_and_error_code()
    {
        _cluster.Given("GET", "/v1/modules", 503, """{"error_code":"node_not_responding","message":"node 2 is down"}""");
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.Equal(typeof(RedisEnterpriseException), error.GetType());
        Assert.Equal(503, error.Status);
        Assert.Equal("node_not_responding", error.ErrorCode);
        Assert.Equal("node 2 is down", error.ServerMessage);
    }

    [Fact]
    public async Task A_huge_error_body_keeps_only_a_bounded_excerpt()
    {
        _cluster.Given("GET", "/v1/modules", 500, new string('x', 2_000_000), "text/plain");
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.InRange(error.Message.Length, 100, 2_000);
    }

    private async Task<RedisEnterpriseException> UploadFails(RedisEnterpriseModulesClient? client = null)
    {
        using var owned = client is null ? _cluster.CreateClient() : null;
        return await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => (client ?? owned!).StartUploadModuleAsync(new MemoryStream([1, 2]), "m.zip"));
    }
}
