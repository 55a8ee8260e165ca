namespace RedisEnterprise.Modules.Testing.Tests;

public class DeleteTests : DefaultClusterTests
{
    [Fact]
    public async Task V1_delete_removes_the_module_at_once()
    {
        string uid = Cluster.Modules.Single(m => m.ModuleName == "bf").Uid;

        using (HttpResponseMessage response = await Admin.DeleteAsync($"/v1/modules/{uid}", Ct))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.DoesNotContain(Cluster.Modules, m => m.Uid == uid);
        using HttpResponseMessage get = await Admin.GetAsync($"/v1/modules/{uid}", Ct);
        await AssertErrorAsync(get, 404, "module_not_found");
    }

    [Fact]
    public async Task V1_delete_of_a_module_with_dependencies_is_dependencies_not_supported()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, PollsToComplete = 1 });
        var package = new ModulePackageBuilder("rg", "1.2.1").WithDependency("gears_jvm", new Uri("https://example.com/jvm.tgz"), new string('b', 64));
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", package);

        await PollToEndAsync(Admin, "v1", module.GetProperty("action_uid").GetString()!);
        string uid = module.GetProperty("uid").GetString()!;

        using (HttpResponseMessage response = await Admin.DeleteAsync($"/v1/modules/{uid}", Ct))
        {
            string message = await AssertErrorAsync(response, 400, "dependencies_not_supported");
            Assert.Contains("/v2/modules/", message, StringComparison.Ordinal);
        }

        Assert.Contains(Cluster.Modules, m => m.Uid == uid);
    }

    [Fact]
    public async Task V2_delete_answers_an_action_and_removes_the_module_when_it_completes()
    {
        string uid = Cluster.Modules.Single(m => m.ModuleName == "timeseries").Uid;

        string actionUid;
        using (HttpResponseMessage response = await Admin.DeleteAsync($"/v2/modules/{uid}", Ct))
        {
            Assert.Equal(200, (int)response.StatusCode);
            JsonElement body = await JsonAsync(response);
            actionUid = body.GetProperty("action_uid").GetString()!;
            Assert.Single(body.EnumerateObject());
        }

        Assert.Contains(Cluster.Modules, m => m.Uid == uid);
        await GetJsonAsync(Admin, $"/v1/modules/{uid}"); // still there while the action runs

        List<JsonElement> polls = await PollToEndAsync(Admin, "v2", actionUid);
        Assert.Equal(["queued", "running", "completed"], Statuses(polls));
        Assert.Equal(uid, polls[^1].GetProperty("additional_info").GetProperty("object_uid").GetString());
        Assert.DoesNotContain(Cluster.Modules, m => m.Uid == uid);
        Assert.Equal(3, Cluster.Modules.Count);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Deleting_an_unknown_module_is_404(string version)
    {
        using HttpResponseMessage response = await Admin.DeleteAsync($"/{version}/modules/0123456789abcdef0123456789abcdef", Ct);
        await AssertErrorAsync(response, 404, "module_not_found");
        Assert.Equal(4, Cluster.Modules.Count);
    }

    [Fact]
    public async Task A_module_uploaded_then_deleted_can_be_uploaded_again()
    {
        var package = new ModulePackageBuilder("rejson", "2.0.8");
        string uid = (await UploadModuleAsync(Admin, "/v1/modules", package)).GetProperty("uid").GetString()!;

        using (HttpResponseMessage delete = await Admin.DeleteAsync($"/v1/modules/{uid}", Ct))
        {
            Assert.Equal(200, (int)delete.StatusCode);
        }

        JsonElement again = await UploadModuleAsync(Admin, "/v1/modules", package);
        Assert.NotEqual(uid, again.GetProperty("uid").GetString());
    }
}
