using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads an integer from a JSON number (an integral float such as <c>20807.0</c> included) or a numeric string.</summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    /// <inheritdoc />
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LenientJson.ReadInt64(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) => writer.WriteNumberValue(value!.Value);
}
