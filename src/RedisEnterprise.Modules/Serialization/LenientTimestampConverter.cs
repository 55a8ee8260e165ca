using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// Reads a point in time from Unix seconds (a number or a numeric string, as v1 actions send
/// <c>"1760400087"</c>), Unix milliseconds (values past the year 5138 in seconds), or an ISO 8601 string.
/// </summary>
internal sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LenientJson.ReadTimestamp(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) => writer.WriteNumberValue(value!.Value.ToUnixTimeSeconds());
}
