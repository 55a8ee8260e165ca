using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A module a database loads, one entry of the database's <c>module_list</c>.</summary>
public sealed record DatabaseModule
{
    /// <summary>The uid of the module object in <c>GET /v1/modules</c> (<c>module_id</c>).</summary>
    [JsonPropertyName("module_id"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleId { get; internal set; }

    /// <summary>The module's name (<c>module_name</c>), e.g. <c>ReJSON</c>.</summary>
    [JsonPropertyName("module_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleName { get; internal set; }

    /// <summary>The loaded version (<c>semantic_version</c>), e.g. <c>2.8.4</c>.</summary>
    [JsonPropertyName("semantic_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? SemanticVersion { get; internal set; }

    /// <summary>The arguments the module is loaded with (<c>module_args</c>), often empty.</summary>
    [JsonPropertyName("module_args"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleArgs { get; internal set; }

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{ModuleName ?? "(unnamed module)"} {SemanticVersion ?? "?"} [{ModuleId}]";
}
