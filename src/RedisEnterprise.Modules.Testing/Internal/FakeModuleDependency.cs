using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A dependency of a <see cref="FakeModule"/>: where the cluster downloads it from and its checksum.</summary>
internal sealed record FakeModuleDependency
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    /// <summary>The SDK's models of these dependencies, by name.</summary>
    internal static IReadOnlyDictionary<string, ModuleDependency>? ToModel(IReadOnlyDictionary<string, FakeModuleDependency>? dependencies) =>
        dependencies?.ToDictionary(pair => pair.Key, pair => RedisEnterpriseModulesModelFactory.ModuleDependency(pair.Value.Url, pair.Value.Sha256), StringComparer.Ordinal);
}
