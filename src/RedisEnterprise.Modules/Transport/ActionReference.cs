using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Transport;

/// <summary>The body of <c>DELETE /v2/modules/{uid}</c>: the action that tracks the deletion.</summary>
internal sealed class ActionReference
{
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? ActionUid { get; set; }
}
