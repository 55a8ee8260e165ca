using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A module package stored on one node (Redis Software 8.0 and later), as <c>GET /v2/local/modules/user-defined/artifacts</c> lists it.</summary>
public sealed record ModuleArtifact : IKeepsUnreadKeys
{
    private UnreadKeys? _unreadKeys;

    /// <summary>The module's name (<c>module_name</c>).</summary>
    [JsonPropertyName("module_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleName { get; internal set; }

    /// <summary>The module's integer version (<c>version</c>), e.g. <c>20807</c>.</summary>
    [JsonPropertyName("version"), JsonConverter(typeof(LenientRequiredInt64Converter)), JsonInclude]
    public long Version { get; internal set; }

    /// <summary>The names of the dependencies stored with it (<c>dependencies</c>).</summary>
    [JsonPropertyName("dependencies"), JsonInclude]
    public IReadOnlyList<string>? Dependencies { get; internal set; }

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get => field ?? _unreadKeys?.Read(); set; }

    void IKeepsUnreadKeys.KeepUnreadKeys(UnreadKeys keys) => _unreadKeys = keys;

    /// <inheritdoc />
    public override string ToString() => $"{ModuleName ?? "(unnamed)"} {Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
