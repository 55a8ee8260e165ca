namespace RedisEnterprise.Modules.Testing.Tests;

public class ModuleReadTests : DefaultClusterTests
{
    [Fact]
    public async Task Lists_the_bundled_modules_it_is_seeded_with()
    {
        JsonElement list = await GetJsonAsync(Admin, "/v1/modules");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        string[] names = list.EnumerateArray().Select(m => m.GetProperty("module_name").GetString()!).ToArray();
        Assert.Equal(["bf", "search", "ReJSON", "timeseries"], names);
        foreach (JsonElement module in list.EnumerateArray())
        {
            Assert.True(module.GetProperty("is_bundled").GetBoolean());
            Assert.Matches("^[0-9a-f]{32}$", module.GetProperty("uid").GetString());
            Assert.Equal(JsonValueKind.Number, module.GetProperty("version").ValueKind);
            Assert.Equal(JsonValueKind.Object, module.GetProperty("dependencies").ValueKind);
        }

        // platforms is a map keyed by platform, never an array.
        JsonElement search = list.EnumerateArray().Single(m => m.GetProperty("module_name").GetString() == "search");
        Assert.Equal(JsonValueKind.Object, search.GetProperty("platforms").ValueKind);
        Assert.True(search.GetProperty("platforms").TryGetProperty("rhel9/x86_64", out _));
    }

    [Fact]
    public async Task Modules_property_matches_what_GET_returns()
    {
        JsonElement list = await GetJsonAsync(Admin, "/v1/modules");
        Assert.Equal(Cluster.Modules.Select(m => m.Uid), list.EnumerateArray().Select(m => m.GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task Can_start_empty()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, SeedBundledModules = false });
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        Assert.Empty(await client.ListModulesAsync(Ct));
        Assert.Empty(cluster.Modules);
    }

    [Fact]
    public async Task Gets_one_module_by_uid_raw_and_through_the_client()
    {
        ModuleInfo expected = Cluster.Modules.Single(m => m.ModuleName == "ReJSON");

        JsonElement raw = await GetJsonAsync(Admin, $"/v1/modules/{expected.Uid}");
        Assert.Equal("ReJSON", raw.GetProperty("module_name").GetString());
        Assert.Equal(expected.Uid, raw.GetProperty("uid").GetString());

        using RedisEnterpriseModulesClient client = Cluster.CreateClient();
        ModuleInfo module = await client.GetModuleAsync(expected.Uid, Ct);
        Assert.Equal(expected.Uid, module.Uid);
        Assert.Equal(expected.SemanticVersion, module.SemanticVersion);
        Assert.Equal(expected.Version, module.Version);
        Assert.True(module.IsBundled);
        Assert.Empty(module.AdditionalData);
    }

    [Fact]
    public async Task Unknown_uid_is_404_module_not_found()
    {
        const string Missing = "0123456789abcdef0123456789abcdef";
        using (HttpResponseMessage response = await Admin.GetAsync($"/v1/modules/{Missing}", Ct))
        {
            string message = await AssertErrorAsync(response, 404, "module_not_found");
            Assert.Contains(Missing, message, StringComparison.Ordinal);
        }

        using RedisEnterpriseModulesClient client = Cluster.CreateClient();
        await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync(Missing, Ct));
    }

    [Fact]
    public async Task Bundled_module_uids_are_stable_across_clusters()
    {
        await using var a = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        await using var b = FakeRedisEnterpriseCluster.Start(TestSupport.Legacy());
        Assert.Equal(a.Modules.Select(m => m.Uid), b.Modules.Select(m => m.Uid));
        Assert.Equal(4, a.Modules.Select(m => m.Uid).Distinct().Count());
    }
}
