// These end-to-end calls rely on the fake cluster ending each call; the test token adds nothing here.
#pragma warning disable xUnit1051

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>The SDK's whole module life against the simulated cluster: upload, poll, list, get, delete, and errors for their real reasons.</summary>
public class SdkEndToEndTests
{
    [Fact]
    public async Task Upload_poll_list_get_delete()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        var builder = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(64 * 1024);
        string path = builder.WriteToTempFile();
        try
        {
            var statuses = new List<ActionStatus>();
            ModuleInfo uploaded = await client.UploadModuleAsync(path, new UploadModuleOptions { ActionProgress = new Sync<ActionInfo>(a => statuses.Add(a.Status)) });

            Assert.Equal("rejson", uploaded.ModuleName);
            Assert.Equal("2.0.8", uploaded.SemanticVersion);
            Assert.Equal(ActionStatus.Completed, statuses[^1]);
            Assert.Contains(await client.ListModulesAsync(), m => m.Uid == uploaded.Uid);
            Assert.Equal(uploaded.Uid, (await client.GetModuleAsync(uploaded.Uid)).Uid);

            var again = await Assert.ThrowsAsync<ModuleAlreadyExistsException>(() => client.UploadModuleAsync(path));
            Assert.Equal("module_exists", again.ErrorCode);

            EnsureModuleResult ensured = await client.EnsureModuleInstalledAsync(path);
            Assert.False(ensured.WasUploaded);

            await client.DeleteModuleAsync(uploaded.Uid);
            Assert.DoesNotContain(await client.ListModulesAsync(), m => m.Uid == uploaded.Uid);
            await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync(uploaded.Uid));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task An_ensure_that_uploads_on_7_22_lists_the_modules_once_for_itself_and_its_compatibility_check()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        await client.GetModuleManagementModeAsync(); // the client's one detection, apart from the call counted
        string path = new ModulePackageBuilder("ensured", "1.0.0").WriteToTempFile();

        int before = cluster.Requests.Count;
        EnsureModuleResult ensured = await client.EnsureModuleInstalledAsync(path);

        Assert.True(ensured.WasUploaded);
        Assert.Contains(cluster.Requests.Skip(before), r => r.Method == "GET" && r.Path == "/v1/nodes"); // the check ran
        Assert.Single(cluster.Requests.Skip(before), r => r.Method == "GET" && r.Path == "/v1/modules");
    }

    [Fact]
    public async Task Errors_happen_for_their_real_reasons_and_map_to_their_types()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, ReadOnlyUsername = "viewer", ReadOnlyPassword = "viewer-pw" });
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        byte[] package = new ModulePackageBuilder("bf", "9.9.9").WithPayloadSize(1024).Build();

        cluster.FailNextUploadWith("min_redis_pack_version");
        await Assert.ThrowsAsync<IncompatibleClusterVersionException>(() => client.StartUploadModuleAsync(new MemoryStream(package), "bf.zip"));

        cluster.FailNextActionWith("insufficient_resources", "not enough memory");
        var failed = await Assert.ThrowsAsync<ActionFailedException>(() => client.UploadModuleAsync(new MemoryStream(package), "bf.zip"));
        Assert.Equal("insufficient_resources", failed.ErrorCode);

        await Assert.ThrowsAsync<InvalidModuleException>(() => client.StartUploadModuleAsync(new MemoryStream([1, 2, 3]), "junk.zip"));

        RedisEnterpriseModulesClientOptions viewerOptions = cluster.CreateClientOptions();
        viewerOptions.Username = "viewer";
        viewerOptions.Password = "viewer-pw";
        using var viewer = new RedisEnterpriseModulesClient(viewerOptions);
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => viewer.StartUploadModuleAsync(new MemoryStream(package), "bf.zip"));
        Assert.Equal("update_cluster", denied.RequiredPermission);

        RedisEnterpriseModulesClientOptions wrong = cluster.CreateClientOptions();
        wrong.Password = "wrong";
        using var intruder = new RedisEnterpriseModulesClient(wrong);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => intruder.ListModulesAsync());
    }

    [Fact]
    public async Task A_client_told_to_use_the_7x_upload_on_8x_is_told_why_it_fails()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "8.0.0-1" });
        RedisEnterpriseModulesClientOptions options = cluster.CreateClientOptions();
        options.ModuleManagement = ModuleManagementMode.ClusterUpload;
        using var client = new RedisEnterpriseModulesClient(options);
        byte[] package = new ModulePackageBuilder("bf", "1.0.0").WithPayloadSize(1024).Build();
        await Assert.ThrowsAsync<ModuleManagementNotSupportedException>(() => client.StartUploadModuleAsync(new MemoryStream(package), "bf.zip"));
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
