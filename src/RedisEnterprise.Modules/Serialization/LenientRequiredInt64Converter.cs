using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads a required 64-bit integer as <see cref="LenientInt64Converter"/> does (a JSON null is refused).</summary>
internal sealed class LenientRequiredInt64Converter : JsonConverter<long>
{
    /// <inheritdoc />
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LenientJson.ReadInt64(ref reader) ?? throw new JsonException("Expected an integer but found an empty value.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
