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
    [JsonPropertyName("uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string Uid { get; internal set; } = string.Empty;

    /// <summary>Whether the module ships with the cluster.</summary>
    [JsonPropertyName("is_bundled"), JsonConverter(typeof(LenientBooleanConverter)), JsonInclude]
    public bool? IsBundled { get; internal set; }

    /// <summary>Active-Active (CRDB) support details.</summary>
    [JsonPropertyName("crdb"), JsonInclude]
    public ModuleCrdbInfo? Crdb { get; internal set; }

    /// <summary>Per-platform details, keyed by platform such as <c>rhel9/x86_64</c>.</summary>
    [JsonPropertyName("platforms"), JsonInclude]
    public IReadOnlyDictionary<string, ModulePlatform>? Platforms { get; internal set; }

    /// <summary>The action that tracks the upload, on responses of <c>POST /v2/modules</c>.</summary>
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ActionUid { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{NameAndVersion} [{Uid}]";

    // LINQPad's Dump() calls this by convention: the fields a person scans, without the empty and raw ones.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0051", Justification = "LINQPad calls ToDump() by convention.")]
    private object ToDump() => new { ModuleName, SemanticVersion, Version, DisplayName, Uid, IsBundled, MinRedisPackVersion, Capabilities, Dependencies = Dependencies?.Keys, ActionUid };
}
