namespace RedisEnterprise.Modules;

/// <summary>What <see cref="IRedisEnterpriseModulesClient.EnsureModuleInstalledAsync"/> found or did.</summary>
/// <param name="Module">The module as the cluster has it.</param>
/// <param name="WasUploaded">Whether this call uploaded it (<see langword="false"/> when it was already there).</param>
public sealed record EnsureModuleResult(ModuleInfo Module, bool WasUploaded)
{
    /// <summary>The module, for callers that only need it: <c>ModuleInfo m = await client.EnsureModuleInstalledAsync(path);</c>.</summary>
    /// <param name="result">The result.</param>
    public static implicit operator ModuleInfo(EnsureModuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Module;
    }

    /// <summary>The module (the named form of the implicit conversion).</summary>
    /// <returns><see cref="Module"/>.</returns>
    public ModuleInfo ToModuleInfo() => Module;
}
