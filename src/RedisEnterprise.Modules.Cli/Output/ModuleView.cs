namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>A module as the JSON output shows it (<c>--output json</c>); the field names are part of the tool's contract.</summary>
internal sealed record ModuleView(
    string? Uid,
    string? ModuleName,
    string? DisplayName,
    string? SemanticVersion,
    long? Version,
    bool? IsBundled,
    string? MinRedisVersion,
    string? MinRedisPackVersion,
    string? CompatibleRedisVersion,
    IReadOnlyList<string> Capabilities)
{
    public static ModuleView From(ModuleInfo module) => From(module, module.Uid, module.IsBundled);

    /// <summary>A package's module, which has no uid until a cluster stores it.</summary>
    public static ModuleView From(ModuleDescriptor module, string? uid = null, bool? isBundled = null) => new(
        uid, module.ModuleName, module.DisplayName, module.SemanticVersion, module.Version, isBundled,
        module.MinRedisVersion, module.MinRedisPackVersion, module.CompatibleRedisVersion, module.Capabilities ?? []);
}
