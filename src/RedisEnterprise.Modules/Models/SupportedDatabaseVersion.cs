using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A database version a node can run, from <c>supported_database_versions</c> of <c>GET /v1/nodes</c>.</summary>
public sealed record SupportedDatabaseVersion
{
    /// <summary>The database type (<c>db_type</c>): <c>redis</c> or <c>memcached</c>.</summary>
    [JsonPropertyName("db_type"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? DbType { get; internal set; }

    /// <summary>The Redis line (<c>redis_version</c>), e.g. <c>8.0</c>; absent for memcached.</summary>
    [JsonPropertyName("redis_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? RedisVersion { get; internal set; }

    /// <summary>The exact version (<c>version</c>), e.g. <c>8.0.0</c>.</summary>
    [JsonPropertyName("version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Version { get; internal set; }

    /// <summary>Whether this is a major version (<c>major</c>).</summary>
    [JsonPropertyName("major"), JsonConverter(typeof(LenientBooleanConverter)), JsonInclude]
    public bool? IsMajor { get; internal set; }
}
