using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>The cluster's settings that module management needs, as <c>GET /v1/cluster</c> answers them.</summary>
/// <remarks>The many other keys of the answer are kept in <see cref="AdditionalData"/>.</remarks>
public sealed record ClusterInfo : IKeepsUnreadKeys
{
    private UnreadKeys? _unreadKeys;

    /// <summary>The cluster's name (<c>name</c>), which is also the name its API certificate carries, e.g. <c>cluster.example.com</c>.</summary>
    [JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The port of the REST API on every node (<c>cnm_https_port</c>), 9443 by default.</summary>
    [JsonPropertyName("cnm_https_port"), JsonConverter(typeof(LenientNullableInt32Converter)), JsonInclude]
    public int? RestApiPort { get; internal set; }

    /// <summary>The largest module package the cluster's web UI accepts, in megabytes (<c>module_upload_max_size_mb</c>; 40 on a default cluster).</summary>
    [JsonPropertyName("module_upload_max_size_mb"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? ModuleUploadMaxSizeMb { get; internal set; }

    /// <summary>
    /// Whether module packages may be uploaded (<c>allow_modules_upload</c>, Redis Software 8.2 and later, off by default);
    /// <see langword="null"/> when the cluster does not have the setting.
    /// </summary>
    [JsonPropertyName("allow_modules_upload"), JsonConverter(typeof(LenientBooleanConverter)), JsonInclude]
    public bool? AllowModulesUpload { get; internal set; }

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get => field ?? _unreadKeys?.Read(); set; }

    void IKeepsUnreadKeys.KeepUnreadKeys(UnreadKeys keys) => _unreadKeys = keys;

    /// <inheritdoc />
    public override string ToString() => $"{Name ?? "(unnamed cluster)"} (REST API port {RestApiPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})";
}
