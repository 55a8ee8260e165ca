using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// A database of the cluster as module management sees it, from <c>GET /v1/bdbs</c>, <c>GET /v1/bdbs/{uid}</c> and the
/// upgrade request: which Redis version it runs and which modules it loads. The SDK asks only for the keys it models
/// (<c>?fields=</c>), so the database's passwords and certificates never travel.
/// </summary>
/// <remarks>
/// Keys this type does not model, should a cluster send them (one that ignores <c>?fields=</c>, or the upgrade's answer), are
/// kept in <see cref="AdditionalData"/>, except the database's credentials, which are dropped as they are read: a key
/// <c>authentication_*</c> or naming a password, secret or private key, and any key whose value holds one at any depth
/// (<c>backup_location</c>'s <c>secret_access_key</c>) or holds a URI with credentials (<c>replica_sources</c>' <c>uri</c>).
/// </remarks>
public sealed record DatabaseInfo : IJsonOnDeserialized
{
    private IReadOnlyList<DatabaseModule>? _modules;

    /// <summary>The database's id (<c>uid</c>).</summary>
    [JsonPropertyName("uid"), JsonConverter(typeof(LenientInt32Converter)), JsonInclude]
    public int Uid { get; internal set; }

    /// <summary>The database's name (<c>name</c>).</summary>
    [JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The database's status (<c>status</c>), e.g. <c>active</c>.</summary>
    [JsonPropertyName("status"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Status { get; internal set; }

    /// <summary>The Redis version the database runs, as major.minor (<c>redis_version</c>), e.g. <c>8.0</c>.</summary>
    [JsonPropertyName("redis_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? RedisVersion { get; internal set; }

    /// <summary>The full Redis version (<c>version</c>), e.g. <c>8.0.0</c>.</summary>
    [JsonPropertyName("version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Version { get; internal set; }

    /// <summary>The modules the database loads (<c>module_list</c>); empty, never <see langword="null"/>, when it loads none.</summary>
    [JsonPropertyName("module_list"), JsonInclude]
    public IReadOnlyList<DatabaseModule> Modules
    {
        get => _modules ?? [];
        internal set => _modules = value;
    }

    /// <summary>The action that tracks an upgrade, on the answer of <c>POST /v1/bdbs/{uid}/upgrade</c> (read with the database, once).</summary>
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    internal string? ActionUid { get; set; }

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (ExtensionData is null) return;
        foreach (string key in ExtensionData.Where(p => IsCredential(p.Key) || HoldsCredential(p.Value)).Select(p => p.Key).ToArray()) ExtensionData.Remove(key);
    }

    private static bool IsCredential(string key) =>
        key.StartsWith("authentication_", StringComparison.OrdinalIgnoreCase)
        || key.Contains("pass", StringComparison.OrdinalIgnoreCase)
        || key.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || key.Contains("private_key", StringComparison.OrdinalIgnoreCase);

    private static bool HoldsCredential(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(p => IsCredential(p.Name) || HoldsCredential(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HoldsCredential),
        JsonValueKind.String => Uri.TryCreate(value.GetString(), UriKind.Absolute, out Uri? uri) && uri.UserInfo.Length > 0,
        _ => false,
    };

    /// <summary>The module of this name the database loads, or <see langword="null"/>.</summary>
    /// <param name="moduleName">The module's name, e.g. <c>ReJSON</c> (compared exactly, as the cluster does).</param>
    /// <returns>The database's entry for the module.</returns>
    public DatabaseModule? FindModule(string moduleName) =>
        Modules.FirstOrDefault(m => string.Equals(m.ModuleName, moduleName, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() =>
        $"database {Uid.ToString(CultureInfo.InvariantCulture)} {Name ?? "(unnamed)"} (Redis {RedisVersion ?? "?"}, {Status ?? "unknown status"}, {Modules.Count.ToString(CultureInfo.InvariantCulture)} modules)";
}
