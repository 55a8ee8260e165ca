namespace RedisEnterprise.Modules;

/// <summary>What <see cref="IRedisEnterpriseModulesClient.EnsureModuleInstalledAsync"/> found or did.</summary>
/// <param name="Module">The module as the cluster has it.</param>
/// <param name="WasUploaded">Whether this call uploaded it (<see langword="false"/> when it was already there; on Redis Software 8, whether this call created its configuration).</param>
public sealed record EnsureModuleResult(ModuleInfo Module, bool WasUploaded)
{
    /// <summary>
    /// On Redis Software 8, the nodes that lacked the module's package (a node that joined later, an earlier run that failed)
    /// and got it from this call; empty when every node had it, when this call installed the module, and on 7.x.
    /// </summary>
    public IReadOnlyList<NodeInfo> RepairedNodes { get; init; } = [];

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
