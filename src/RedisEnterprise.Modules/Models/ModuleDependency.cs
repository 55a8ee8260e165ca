using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A dependency of a module: where the cluster downloads it from and its checksum.</summary>
public sealed record ModuleDependency
{
    /// <summary>Where the dependency is downloaded from.</summary>
    [JsonPropertyName("url"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>The dependency's SHA-256, hex.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Sha256 { get; internal set; }
}
