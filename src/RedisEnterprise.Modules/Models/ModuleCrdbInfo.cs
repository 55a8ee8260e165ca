using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A module's Active-Active (CRDB) support.</summary>
public sealed record ModuleCrdbInfo
{
    /// <summary>The CRDB feature-set versions the module supports.</summary>
    [JsonPropertyName("supported_featureset_versions"), JsonInclude]
    public IReadOnlyList<int>? SupportedFeaturesetVersions { get; internal set; }
}
