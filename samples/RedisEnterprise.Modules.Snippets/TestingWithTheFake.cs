using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Snippets;

#region testing-with-the-fake
public sealed class ModuleInstallTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Ensure_uploads_a_package_only_once()
    {
        using RedisEnterpriseModulesClient client = _cluster.CreateClient(); // trusts the fake's own certificate
        string package = new ModulePackageBuilder("rejson", "2.0.8").WriteToTempFile();

        EnsureModuleResult first = await client.EnsureModuleInstalledAsync(package);
        EnsureModuleResult second = await client.EnsureModuleInstalledAsync(package);

        Assert.True(first.WasUploaded);
        Assert.False(second.WasUploaded);
        Assert.Single(_cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/modules/user-defined");
    }
}
#endregion
