using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// A module stored in the cluster (CCS), as returned by <c>GET /v1/modules</c>, <c>GET /v1/modules/{uid}</c>
/// and the upload endpoints. Every field but <see cref="Uid"/> is optional on the wire.
/// </summary>
/// <remarks>Fields a newer cluster sends that this type does not know are kept in <see cref="ModuleDescriptor.AdditionalData"/>.</remarks>
public sealed record ModuleInfo : ModuleDescriptor
{
    /// <summary>The module's unique ID (32 hex characters on current clusters).</summary>
    [JsonPropertyName("uid"), JsonConverter(typeof(LenientStringConverter))]
    public string Uid { get; init; } = string.Empty;

    /// <summary>Whether the module ships with the cluster.</summary>
    [JsonPropertyName("is_bundled"), JsonConverter(typeof(LenientBooleanConverter))]
    public bool? IsBundled { get; init; }

    /// <summary>Active-Active (CRDB) support details.</summary>
    [JsonPropertyName("crdb")]
    public ModuleCrdbInfo? Crdb { get; init; }

    /// <summary>Per-platform details, keyed by platform such as <c>rhel9/x86_64</c>.</summary>
    [JsonPropertyName("platforms")]
    public IReadOnlyDictionary<string, ModulePlatform>? Platforms { get; init; }

    /// <summary>The action that tracks the upload, on responses of <c>POST /v2/modules</c>.</summary>
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? ActionUid { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{NameAndVersion} [{Uid}]";

    // LINQPad's Dump() calls this by convention: the fields a person scans, without the empty and raw ones.
    private object ToDump() => new { ModuleName, SemanticVersion, Version, DisplayName, Uid, IsBundled, MinRedisPackVersion, Capabilities, Dependencies = Dependencies?.Keys, ActionUid };
}

/// <summary>A dependency of a module: where the cluster downloads it from and its checksum.</summary>
public sealed record ModuleDependency
{
    /// <summary>Where the dependency is downloaded from.</summary>
    [JsonPropertyName("url"), JsonConverter(typeof(LenientStringConverter))]
    public string? Url { get; init; }

    /// <summary>The dependency's SHA-256, hex.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter))]
    public string? Sha256 { get; init; }
}

/// <summary>A module's build for one platform (e.g. <c>rhel9/x86_64</c>).</summary>
public sealed record ModulePlatform
{
    /// <summary>The dependencies of this platform's build, by name.</summary>
    [JsonPropertyName("dependencies")]
    public IReadOnlyDictionary<string, ModuleDependency>? Dependencies { get; init; }

    /// <summary>The SHA-256 of this platform's binary, hex.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter))]
    public string? Sha256 { get; init; }
}

/// <summary>A module's Active-Active (CRDB) support.</summary>
public sealed record ModuleCrdbInfo
{
    /// <summary>The CRDB feature-set versions the module supports.</summary>
    [JsonPropertyName("supported_featureset_versions")]
    public IReadOnlyList<int>? SupportedFeaturesetVersions { get; init; }
}

internal static class JsonModelDefaults
{
    internal static readonly IReadOnlyDictionary<string, JsonElement> NoAdditionalData = new Dictionary<string, JsonElement>();
}
