using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A <see cref="FakeModule"/>'s build for one platform, e.g. <c>rhel9/x86_64</c>.</summary>
internal sealed record FakeModulePlatform
{
    [JsonPropertyName("dependencies")]
    public IReadOnlyDictionary<string, FakeModuleDependency>? Dependencies { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }
}
