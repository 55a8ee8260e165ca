using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads a 32-bit integer from what <see cref="LenientInt64Converter"/> accepts, refusing values out of range.</summary>
internal sealed class LenientInt32Converter : JsonConverter<int>
{
    /// <inheritdoc />
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long value = LenientJson.ReadInt64(ref reader) ?? throw new JsonException("Expected an integer but found an empty value.");
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new JsonException($"The integer {value.ToString(CultureInfo.InvariantCulture)} is out of range.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
