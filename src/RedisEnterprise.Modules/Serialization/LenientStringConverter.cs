using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads a string from a JSON string, number or boolean; other shapes keep their raw JSON text.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LenientJson.ReadString(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
