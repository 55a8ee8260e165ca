using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// A module as the fake cluster keeps and shows it (<c>GET /v1/modules</c>), and the part of a package's
/// <c>module.json</c> it reads: the fake's own record, written and read by <see cref="FakeClusterJsonContext"/>.
/// </summary>
internal sealed record FakeModule
{
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("module_name")]
    public string? ModuleName { get; init; }

    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("semantic_version")]
    public string? SemanticVersion { get; init; }

    [JsonPropertyName("version")]
    public long? Version { get; init; }

    [JsonPropertyName("author")]
    public string? Author { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("homepage")]
    public string? Homepage { get; init; }

    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonPropertyName("command_line_args")]
    public string? CommandLineArgs { get; init; }

    [JsonPropertyName("config_command")]
    public string? ConfigCommand { get; init; }

    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init; }

    [JsonPropertyName("min_redis_version")]
    public string? MinRedisVersion { get; init; }

    [JsonPropertyName("min_redis_pack_version")]
    public string? MinRedisPackVersion { get; init; }

    [JsonPropertyName("compatible_redis_version")]
    public string? CompatibleRedisVersion { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    [JsonPropertyName("module_file")]
    public string? ModuleFile { get; init; }

    [JsonPropertyName("architecture")]
    public string? Architecture { get; init; }

    [JsonPropertyName("os")]
    public string? Os { get; init; }

    [JsonPropertyName("os_list")]
    public IReadOnlyList<string>? OsList { get; init; }

    /// <summary>The operating systems a package says it fits (newer packers), read to refuse a node it does not fit.</summary>
    [JsonPropertyName("operating_systems")]
    public IReadOnlyList<string>? OperatingSystems { get; init; }

    [JsonPropertyName("dependencies")]
    public IReadOnlyDictionary<string, FakeModuleDependency>? Dependencies { get; init; }

    [JsonPropertyName("is_bundled")]
    public bool? IsBundled { get; init; }

    [JsonPropertyName("crdb")]
    public FakeModuleCrdb? Crdb { get; init; }

    [JsonPropertyName("platforms")]
    public IReadOnlyDictionary<string, FakeModulePlatform>? Platforms { get; init; }

    /// <summary>The action that tracks an upload; only on the answer of <c>POST /v2/modules</c>.</summary>
    [JsonPropertyName("action_uid")]
    public string? ActionUid { get; init; }

    internal bool IsSameModuleAs(FakeModule other) =>
        string.Equals(ModuleName, other.ModuleName, StringComparison.Ordinal) && string.Equals(SemanticVersion, other.SemanticVersion, StringComparison.Ordinal);

    /// <summary>The SDK's model of this module, for <see cref="FakeRedisEnterpriseCluster.Modules"/>.</summary>
    internal ModuleInfo ToModuleInfo() => RedisEnterpriseModulesModelFactory.ModuleInfo(
        uid: Uid ?? string.Empty,
        moduleName: ModuleName,
        displayName: DisplayName,
        semanticVersion: SemanticVersion,
        version: Version,
        author: Author,
        email: Email,
        description: Description,
        homepage: Homepage,
        license: License,
        commandLineArgs: CommandLineArgs,
        configCommand: ConfigCommand,
        capabilities: Capabilities,
        minRedisVersion: MinRedisVersion,
        minRedisPackVersion: MinRedisPackVersion,
        compatibleRedisVersion: CompatibleRedisVersion,
        sha256: Sha256,
        moduleFile: ModuleFile,
        dependencies: FakeModuleDependency.ToModel(Dependencies),
        architecture: Architecture,
        os: Os,
        osList: OsList,
        isBundled: IsBundled,
        crdb: Crdb is null ? null : RedisEnterpriseModulesModelFactory.ModuleCrdbInfo(Crdb.SupportedFeaturesetVersions),
        platforms: Platforms?.ToDictionary(
            pair => pair.Key,
            pair => RedisEnterpriseModulesModelFactory.ModulePlatform(FakeModuleDependency.ToModel(pair.Value.Dependencies), pair.Value.Sha256),
            StringComparer.Ordinal),
        actionUid: ActionUid);
}
