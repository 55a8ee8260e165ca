namespace RedisEnterprise.Modules;

/// <summary>The module management operations of a Redis Enterprise cluster. Implemented by <see cref="RedisEnterpriseModulesClient"/>.</summary>
public interface IRedisEnterpriseModulesClient
{
    /// <summary>Lists the modules stored in the cluster (<c>GET /v1/modules</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The modules, in the order the cluster sent them.</returns>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one module (<c>GET /v1/modules/{uid}</c>).</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The module.</returns>
    /// <exception cref="ArgumentException"><paramref name="uid"/> is null, empty or whitespace.</exception>
    /// <exception cref="ModuleNotFoundException">There is no module with that uid.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster answered with another error, or could not be reached.</exception>
    Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default);
}
