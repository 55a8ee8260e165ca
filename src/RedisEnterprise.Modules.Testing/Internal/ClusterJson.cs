using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>Writes the JSON bodies that are not models of the SDK: errors and small objects.</summary>
internal static class ClusterJson
{
    internal static string Error(string code, string message) => Write(writer =>
    {
        writer.WriteString("error_code", code);
        writer.WriteString("message", message);
    });

    internal static string Write(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The model with one key set, as a copy (the models' setters are the SDK's own).</summary>
    internal static ModuleInfo With(ModuleInfo module, string key, string value)
    {
        JsonObject json = JsonNode.Parse(RedisEnterpriseModulesJson.Serialize(module))!.AsObject();
        json[key] = value;
        return RedisEnterpriseModulesJson.DeserializeModule(json.ToJsonString())!;
    }
}
