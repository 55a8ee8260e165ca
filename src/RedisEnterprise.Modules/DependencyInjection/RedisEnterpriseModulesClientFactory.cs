namespace RedisEnterprise.Modules.DependencyInjection;

internal sealed class RedisEnterpriseModulesClientFactory(IServiceProvider services, IHttpClientFactory httpClients) : IRedisEnterpriseModulesClientFactory
{
    internal static string HttpClientName(string name) => "RedisEnterprise.Modules:" + name;

    public IRedisEnterpriseModulesClient CreateClient(string name) =>
        new RedisEnterpriseModulesClient(httpClients.CreateClient(HttpClientName(name)), RedisEnterpriseModulesServiceCollectionExtensions.OptionsOf(services, name));
}
