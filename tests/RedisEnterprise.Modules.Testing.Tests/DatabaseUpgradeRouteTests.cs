namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The fake's <c>POST /v1/bdbs/{uid}/upgrade</c> over raw HTTP: the refusals the SDK's own checks never let through.</summary>
public class DatabaseUpgradeRouteTests : DefaultClusterTests
{
    private async Task<HttpResponseMessage> UpgradeAsync(string body, string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await Admin.PostAsync($"/v1/bdbs/1/upgrade{query}", content, Ct);
    }

    private void WithOrders()
    {
        var options = TestSupport.Legacy();
        options.Databases.Add(new FakeDatabase("orders").WithModule("ReJSON", "2.8.4"));
        StartCluster(options);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"parallel_shards_upgrade":0}""")]
    [InlineData("""{"preserve_roles":"yes"}""")]
    [InlineData("""{"redis_version":7.4}""")]
    [InlineData("""{"modules":[{"new_module":"x"}]}""")]
    [InlineData("""{"modules":[{"module_name":"ReJSON","new_module":""}]}""")]
    public async Task A_body_outside_the_schema_is_400_invalid_schema(string body)
    {
        WithOrders();
        using HttpResponseMessage response = await UpgradeAsync(body);
        await AssertErrorAsync(response, 400, "invalid_schema");
    }

    [Theory]
    [InlineData("""{"modules":[{"module_name":"search"}]}""", "does not use module search")]
    [InlineData("""{"modules":[{"module_name":"ReJSON","new_module":"0123456789abcdef0123456789abcdef"}]}""", "no module 0123456789abcdef0123456789abcdef")]
    public async Task A_module_the_database_does_not_load_or_that_does_not_exist_is_400_missing_module(string body, string says)
    {
        WithOrders();
        using HttpResponseMessage response = await UpgradeAsync(body);
        Assert.Contains(says, await AssertErrorAsync(response, 400, "missing_module"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_module_of_another_name_is_missing_module_too()
    {
        WithOrders();
        string bf = Cluster.Modules.Single(m => m.ModuleName == "bf").Uid;
        using HttpResponseMessage response = await UpgradeAsync($$"""{"modules":[{"module_name":"ReJSON","new_module":"{{bf}}"}]}""");
        await AssertErrorAsync(response, 400, "missing_module");
    }

    [Fact]
    public async Task The_answer_is_the_whole_database_with_the_action_and_a_dry_run_has_none()
    {
        WithOrders();

        JsonElement started;
        using (HttpResponseMessage response = await UpgradeAsync("{}"))
        {
            Assert.Equal(200, (int)response.StatusCode);
            started = await JsonAsync(response);
        }

        using HttpResponseMessage preview = await UpgradeAsync("{}", "?dry_run=true");
        JsonElement previewed = await JsonAsync(preview);

        Assert.False(string.IsNullOrEmpty(started.GetProperty("action_uid").GetString()));
        Assert.True(started.TryGetProperty("authentication_admin_pass", out _)); // as a real answer: the SDK must not keep it
        Assert.False(previewed.TryGetProperty("action_uid", out _));
        List<JsonElement> polls = await PollToEndAsync(Admin, "v2", started.GetProperty("action_uid").GetString()!);
        JsonElement info = polls[^1].GetProperty("additional_info");
        Assert.Equal(("bdb", "1"), (info.GetProperty("object_type").GetString(), info.GetProperty("object_uid").GetString()));
        Assert.Equal("bdb:1", polls[^1].GetProperty("object_name").GetString());
    }

    [Theory]
    [InlineData("7.2")]
    [InlineData("6.2")]
    public async Task A_lower_redis_version_is_400_with_a_description_and_no_error_code(string target)
    {
        WithOrders();
        using HttpResponseMessage response = await UpgradeAsync($$"""{"redis_version":"{{target}}"}""", "?dry_run=true");

        Assert.Equal(400, (int)response.StatusCode);
        JsonElement body = await JsonAsync(response);
        Assert.False(body.TryGetProperty("error_code", out _)); // the spec documents none for this refusal
        Assert.Equal($"Target version {target} is not higher than the current version 7.4", body.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("7.4")]
    [InlineData("")]
    public async Task The_current_redis_version_or_none_is_accepted(string target)
    {
        WithOrders();
        using HttpResponseMessage response = await UpgradeAsync(target.Length == 0 ? "{}" : $$"""{"redis_version":"{{target}}"}""", "?dry_run=true");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("7.4", (await JsonAsync(response)).GetProperty("redis_version").GetString());
    }

    [Fact]
    public async Task A_missing_database_is_404_db_not_exist()
    {
        WithOrders();
        using HttpResponseMessage response = await Admin.PostAsync("/v1/bdbs/9/upgrade", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        await AssertErrorAsync(response, 404, "db_not_exist");
    }
}
