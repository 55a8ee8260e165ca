using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>The <c>additional_info</c> object of a v2 action.</summary>
public sealed record ActionAdditionalInfo
{
    /// <summary>A description of what the action does.</summary>
    [JsonPropertyName("description"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>The error, when the action failed.</summary>
    [JsonPropertyName("error"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Error { get; internal set; }

    /// <summary>The type of object the action works on.</summary>
    [JsonPropertyName("object_type"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ObjectType { get; internal set; }

    /// <summary>The uid of the object the action works on.</summary>
    [JsonPropertyName("object_uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ObjectUid { get; internal set; }

    /// <summary>Operations still pending, as the cluster sent them.</summary>
    [JsonPropertyName("pending_ops"), JsonInclude]
    public JsonElement? PendingOps { get; internal set; }
}
