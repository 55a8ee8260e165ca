using System.Buffers;
using System.Text;
using System.Text.Json;

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
}
