using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A dependency of a <see cref="FakeModule"/>: where the cluster downloads it from and its checksum.</summary>
internal sealed record FakeModuleDependency
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    internal ModuleDependency ToModuleDependency() => new() { Url = Url, Sha256 = Sha256 };
}
