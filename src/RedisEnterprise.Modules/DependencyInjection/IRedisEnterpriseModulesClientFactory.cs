using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules;

/// <summary>Creates the clients registered with <see cref="RedisEnterpriseModulesServiceCollectionExtensions"/>, by name.</summary>
public interface IRedisEnterpriseModulesClientFactory
{
    /// <summary>Creates the client registered under <paramref name="name"/> (the default one for <see cref="Options.DefaultName"/>).</summary>
    /// <param name="name">The name given to <c>AddRedisEnterpriseModulesClient</c>.</param>
    /// <returns>A client on a pooled connection; disposing it leaves the connection to the factory.</returns>
    IRedisEnterpriseModulesClient CreateClient(string name);
}
