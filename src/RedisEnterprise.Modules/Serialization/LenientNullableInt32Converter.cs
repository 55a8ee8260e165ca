using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads an optional 32-bit integer as <see cref="LenientInt32Converter"/> does.</summary>
internal sealed class LenientNullableInt32Converter : JsonConverter<int?>
{
    /// <inheritdoc />
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long? value = LenientJson.ReadInt64(ref reader);
        return value is null or (>= int.MinValue and <= int.MaxValue) ? (int?)value : throw new JsonException($"The integer {value.Value.ToString(CultureInfo.InvariantCulture)} is out of range.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => writer.WriteNumberValue(value!.Value);
}
