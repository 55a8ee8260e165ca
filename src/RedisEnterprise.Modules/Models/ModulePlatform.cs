using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A module's build for one platform (e.g. <c>rhel9/x86_64</c>).</summary>
public sealed record ModulePlatform
{
    /// <summary>The dependencies of this platform's build, by name.</summary>
    [JsonPropertyName("dependencies"), JsonInclude]
    public IReadOnlyDictionary<string, ModuleDependency>? Dependencies { get; internal set; }

    /// <summary>The SHA-256 of this platform's binary, hex.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Sha256 { get; internal set; }
}
