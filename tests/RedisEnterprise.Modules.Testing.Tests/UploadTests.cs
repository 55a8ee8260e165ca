namespace RedisEnterprise.Modules.Testing.Tests;

public class UploadTests : DefaultClusterTests
{
    [Fact]
    public async Task V2_upload_answers_the_module_with_an_action_uid_and_stores_it_only_when_the_action_completes()
    {
        var package = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(1024);

        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", package);

        string uid = module.GetProperty("uid").GetString()!;
        string actionUid = module.GetProperty("action_uid").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", uid);
        Assert.True(Guid.TryParse(actionUid, out _));
        Assert.Equal("rejson", module.GetProperty("module_name").GetString());
        Assert.Equal("2.0.8", module.GetProperty("semantic_version").GetString());
        Assert.Equal(20008, module.GetProperty("version").GetInt64());
        Assert.Equal(package.PayloadSha256, module.GetProperty("sha256").GetString());
        Assert.False(module.GetProperty("is_bundled").GetBoolean());

        // Not stored yet.
        Assert.DoesNotContain(Cluster.Modules, m => m.Uid == uid);
        using (HttpResponseMessage response = await Admin.GetAsync($"/v1/modules/{uid}", Ct))
        {
            await AssertErrorAsync(response, 404, "module_not_found");
        }

        List<JsonElement> polls = await PollToEndAsync(Admin, "v1", actionUid);
        Assert.Equal(["queued", "running", "completed"], Statuses(polls));

        // v1 tasks send progress as a string, rising to "100".
        Assert.All(polls, p => Assert.Equal(JsonValueKind.String, p.GetProperty("progress").ValueKind));
        Assert.Equal(["0", "50", "100"], polls.Select(p => p.GetProperty("progress").GetString()));
        Assert.All(polls, p => Assert.Equal(actionUid, p.GetProperty("action_uid").GetString()));
        Assert.All(polls, p => Assert.Equal(JsonValueKind.String, p.GetProperty("creation_time").ValueKind));

        JsonElement stored = await GetJsonAsync(Admin, $"/v1/modules/{uid}");
        Assert.Equal("rejson", stored.GetProperty("module_name").GetString());
        Assert.False(stored.TryGetProperty("action_uid", out _));
        Assert.Equal(5, Cluster.Modules.Count);
    }

    [Fact]
    public async Task V2_actions_are_tasks_about_the_module_with_numeric_progress()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, PollsToComplete = 4 });
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("graph", "2.10.12"));

        List<JsonElement> polls = await PollToEndAsync(Admin, "v2", module.GetProperty("action_uid").GetString()!);
        Assert.Equal(["queued", "running", "running", "completed"], Statuses(polls));
        double[] progress = polls.Select(p => p.GetProperty("progress").GetDouble()).ToArray();
        Assert.Equal(0, progress[0]);
        Assert.Equal(100, progress[^1]);
        Assert.True(progress.Zip(progress.Skip(1)).All(pair => pair.First < pair.Second), string.Join(", ", progress));

        JsonElement last = polls[^1];
        Assert.Equal("task", last.GetProperty("action_type").GetString());
        Assert.Equal(JsonValueKind.Number, last.GetProperty("creation_time").ValueKind);
        JsonElement info = last.GetProperty("additional_info");
        Assert.Equal("module", info.GetProperty("object_type").GetString());
        Assert.Equal(module.GetProperty("uid").GetString(), info.GetProperty("object_uid").GetString());
        Assert.Contains("graph", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(Cluster.Modules, m => m.ModuleName == "graph");
    }

    [Fact]
    public async Task V1_and_v2_polls_of_one_action_share_its_progress_and_the_sdk_model_reads_both()
    {
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("bf", "9.0.0"));

        string actionUid = module.GetProperty("action_uid").GetString()!;
        using HttpResponseMessage first = await Admin.GetAsync($"/v1/actions/{actionUid}", Ct);
        ActionInfo v1 = RedisEnterpriseModulesJson.DeserializeAction(await first.Content.ReadAsStringAsync(Ct))!;
        using HttpResponseMessage second = await Admin.GetAsync($"/v2/actions/{actionUid}", Ct);
        ActionInfo v2 = RedisEnterpriseModulesJson.DeserializeAction(await second.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(ActionStatus.Queued, v1.Status);
        Assert.Equal(0, v1.Progress);
        Assert.NotNull(v1.CreationTime);
        Assert.Equal(ActionStatus.Running, v2.Status);
        Assert.Equal(50, v2.Progress);
        Assert.Equal("module", v2.AdditionalInfo?.ObjectType);
    }

    [Fact]
    public async Task One_poll_to_complete_ends_the_action_on_its_first_poll()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, PollsToComplete = 1 });
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));

        List<JsonElement> polls = await PollToEndAsync(Admin, "v1", module.GetProperty("action_uid").GetString()!);
        Assert.Equal(["completed"], Statuses(polls));
        Assert.Equal("100", polls[0].GetProperty("progress").GetString());
    }

    [Fact]
    public async Task Unknown_actions_are_404_on_v1_and_v2()
    {
        foreach (string version in new[] { "v1", "v2" })
        {
            using HttpResponseMessage response = await Admin.GetAsync($"/{version}/actions/{Guid.NewGuid()}", Ct);
            await AssertErrorAsync(response, 404, "action_not_found");
        }
    }

    [Fact]
    public async Task V2_upload_can_answer_202_when_configured()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, UploadSuccessStatusCode = 202 });
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"), status: 202);
        Assert.True(module.TryGetProperty("action_uid", out _));
    }

    [Fact]
    public async Task V1_upload_stores_the_module_at_once_and_answers_it_without_an_action()
    {
        JsonElement module = await UploadModuleAsync(Admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8"));

        Assert.False(module.TryGetProperty("action_uid", out _));
        string uid = module.GetProperty("uid").GetString()!;
        Assert.Contains(Cluster.Modules, m => m.Uid == uid && m.ModuleName == "rejson");

        using RedisEnterpriseModulesClient client = Cluster.CreateClient();
        ModuleInfo stored = await client.GetModuleAsync(uid, Ct);
        Assert.Equal(20008, stored.Version);
        Assert.Equal("rejson.so", stored.ModuleFile);
    }

    [Fact]
    public async Task V2_upload_accepts_a_module_with_dependencies_and_keeps_them()
    {
        StartCluster(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, PollsToComplete = 1 });
        const string Sha = "22dca9cd75484cb15b8130db37f5284e22e3759002154361f72f6d2db46ee682";
        var package = new ModulePackageBuilder("rg", "1.2.1").WithDependency("gears_python", new Uri("https://example.com/python.tgz"), Sha);
        JsonElement module = await UploadModuleAsync(Admin, "/v2/modules", package);

        JsonElement dependency = module.GetProperty("dependencies").GetProperty("gears_python");
        Assert.Equal("https://example.com/python.tgz", dependency.GetProperty("url").GetString());
        Assert.Equal(Sha, dependency.GetProperty("sha256").GetString());
        await PollToEndAsync(Admin, "v2", module.GetProperty("action_uid").GetString()!);
        Assert.Equal(Sha, Cluster.Modules.Single(m => m.ModuleName == "rg").Dependencies!["gears_python"].Sha256);
    }

    [Fact]
    public async Task Requests_record_method_path_headers_body_length_and_status()
    {
        byte[] zip = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(10_000).Build();
        using MultipartFormDataContent form = ModuleForm(zip, "rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip");
        byte[] sent = await form.ReadAsByteArrayAsync(Ct);
        using (HttpResponseMessage response = await Admin.PostAsync("/v2/modules", form, Ct))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        using (await Admin.GetAsync("/v1/modules/nope", Ct))
        {
        }

        IReadOnlyList<FakeClusterRequest> requests = Cluster.Requests;
        Assert.Equal(2, requests.Count);
        FakeClusterRequest upload = requests[0];
        Assert.Equal("POST", upload.Method);
        Assert.Equal("/v2/modules", upload.Path);
        Assert.Equal(sent.Length, upload.BodyLength);
        Assert.StartsWith("multipart/form-data", upload.Header("content-type"), StringComparison.Ordinal);
        Assert.StartsWith("Basic ", upload.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(200, upload.StatusCode);
        Assert.Equal(("GET", "/v1/modules/nope", 0L, 404), (requests[1].Method, requests[1].Path, requests[1].BodyLength, requests[1].StatusCode));
    }
}
