using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads a boolean from <c>true</c>/<c>false</c>, the strings <c>"true"</c>/<c>"false"</c>/<c>"yes"</c>/<c>"no"</c>, or the numbers 0 and 1.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool?>
{
    /// <inheritdoc />
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LenientJson.ReadBoolean(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options) => writer.WriteBooleanValue(value!.Value);
}
