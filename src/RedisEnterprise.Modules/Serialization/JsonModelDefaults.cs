using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

internal static class JsonModelDefaults
{
    internal static readonly IReadOnlyDictionary<string, JsonElement> NoAdditionalData = new Dictionary<string, JsonElement>();
}
