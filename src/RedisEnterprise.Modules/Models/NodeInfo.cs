using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A node of the cluster, as <c>GET /v1/nodes</c> answers it.</summary>
/// <remarks>Keys this type does not model (<c>total_memory</c>, <c>cores</c>, ...) are kept in <see cref="AdditionalData"/>.</remarks>
public sealed record NodeInfo : IKeepsUnreadKeys
{
    private UnreadKeys? _unreadKeys;

    /// <summary>The node's id in the cluster (<c>uid</c>).</summary>
    [JsonPropertyName("uid"), JsonConverter(typeof(LenientInt32Converter)), JsonInclude]
    public int Uid { get; internal set; }

    /// <summary>The node's internal address (<c>addr</c>), e.g. <c>192.168.32.2</c>.</summary>
    [JsonPropertyName("addr"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Address { get; internal set; }

    /// <summary>The node's external addresses (<c>external_addr</c>), often empty.</summary>
    [JsonPropertyName("external_addr"), JsonInclude]
    public IReadOnlyList<string>? ExternalAddresses { get; internal set; }

    /// <summary>The node's status (<c>status</c>), e.g. <c>active</c>.</summary>
    [JsonPropertyName("status"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Status { get; internal set; }

    /// <summary>The Redis Software version the node runs (<c>software_version</c>), e.g. <c>8.2.0-25</c>.</summary>
    [JsonPropertyName("software_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? SoftwareVersion { get; internal set; }

    /// <summary>The node's operating system (<c>os_name</c>), e.g. <c>rhel</c>, <c>ubuntu</c>.</summary>
    [JsonPropertyName("os_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? OsName { get; internal set; }

    /// <summary>The operating system's version (<c>os_semantic_version</c>), e.g. <c>9.4</c>, <c>22.04</c>.</summary>
    [JsonPropertyName("os_semantic_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? OsSemanticVersion { get; internal set; }

    /// <summary>The operating system's full name (<c>os_version</c>), e.g. <c>Ubuntu 22.04.5 LTS</c>.</summary>
    [JsonPropertyName("os_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? OsVersion { get; internal set; }

    /// <summary>The node's CPU architecture (<c>architecture</c>), e.g. <c>x86_64</c>, <c>aarch64</c>.</summary>
    [JsonPropertyName("architecture"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Architecture { get; internal set; }

    /// <summary>The database versions the node can run (<c>supported_database_versions</c>).</summary>
    [JsonPropertyName("supported_database_versions"), JsonInclude]
    public IReadOnlyList<SupportedDatabaseVersion>? SupportedDatabaseVersions { get; internal set; }

    /// <summary>How many shards the node holds (<c>shard_count</c>).</summary>
    [JsonPropertyName("shard_count"), JsonConverter(typeof(LenientNullableInt32Converter)), JsonInclude]
    public int? ShardCount { get; internal set; }

    /// <summary>Whether the node is active (<see cref="Status"/> is <c>active</c>): the nodes a module is installed on.</summary>
    [JsonIgnore]
    public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get => field ?? _unreadKeys?.Read(); set; }

    void IKeepsUnreadKeys.KeepUnreadKeys(UnreadKeys keys) => _unreadKeys = keys;

    /// <inheritdoc />
    public override string ToString() => $"node {Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({Address ?? "no address"}, {Status ?? "unknown status"}, {SoftwareVersion ?? "unknown version"})";
}
