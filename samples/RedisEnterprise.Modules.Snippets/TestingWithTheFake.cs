using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.Snippets;

#region testing-with-the-fake
public sealed class ModuleInstallTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start();

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
        Assert.Single(_cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/modules");
        Assert.Contains(_cluster.Modules, m => m.ModuleName == "rejson" && m.SemanticVersion == "2.0.8");
    }

    [Fact]
    public async Task A_failed_installation_is_an_ActionFailedException()
    {
        using RedisEnterpriseModulesClient client = _cluster.CreateClient();
        _cluster.FailNextActionWith("insufficient_resources", "not enough memory");
        string package = new ModulePackageBuilder("bf", "9.9.9").WriteToTempFile();

        var error = await Assert.ThrowsAsync<ActionFailedException>(() => client.UploadModuleAsync(package));

        Assert.Equal("insufficient_resources", error.ErrorCode);
        Assert.DoesNotContain(_cluster.Modules, m => m.SemanticVersion == "9.9.9");
    }
}
#endregion
