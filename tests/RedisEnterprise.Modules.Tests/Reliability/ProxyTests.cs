
namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary><see cref="RedisEnterpriseModulesClientOptions.Proxy"/> is where requests go.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Requests_go_through_the_configured_proxy()
    {
        using var proxy = RawServer.Answering(request => RawResponse.Healthy(request with { Head = request.Head.Replace("http://cluster.invalid:9443", string.Empty, StringComparison.Ordinal) }));
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(new Uri("http://cluster.invalid:9443"), new FakeTimeProvider());
        options.Proxy = new WebProxy(proxy.Endpoint);
        using var client = new RedisEnterpriseModulesClient(options);

        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(FaultTests.Generous)).Count);

        Assert.Equal("http://cluster.invalid:9443/v1/modules", Assert.Single(proxy.Requests).Target);
    }
}
