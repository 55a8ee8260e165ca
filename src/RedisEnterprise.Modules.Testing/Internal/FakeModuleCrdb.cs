using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A <see cref="FakeModule"/>'s Active-Active (CRDB) support.</summary>
internal sealed record FakeModuleCrdb
{
    [JsonPropertyName("supported_featureset_versions")]
    public IReadOnlyList<int>? SupportedFeaturesetVersions { get; init; }
}
