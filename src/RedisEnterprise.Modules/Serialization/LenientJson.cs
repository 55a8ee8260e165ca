using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

// Real clusters send numbers as strings ("progress": "100"), ints as floats (20807.0) and ids as
// numbers or strings; these converters accept every such spelling and reject what is not a value.
// A JSON null never reaches them: System.Text.Json reads it as null and writes null itself.

/// <summary>The lenient readings behind the Lenient*Converter types.</summary>
internal static class LenientJson
{
    // Unix times past this many seconds (the year 5138) are taken as milliseconds.
    private const double MillisecondsThreshold = 100_000_000_000d;

    internal static string? ReadString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return RawText(in reader);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }
        }
    }

    internal static long? ReadInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long exact)) return exact;
        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exact)) return exact;

        double? value = ReadNumber(ref reader);
        if (value is null) return null;
        double number = value.Value;

        // ±2^63 and past it are out of range (a cast would silently clamp); an exact long was read above.
        if (number != Math.Floor(number) || number >= 9_223_372_036_854_775_808d || number <= -9_223_372_036_854_775_808d)
        {
            throw new JsonException($"Expected an integer but found {number.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (long)number;
    }

    internal static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out int number) && number is 0 or 1:
                return number == 1;
            case JsonTokenType.String:
                string text = reader.GetString()!.Trim();
                if (string.IsNullOrEmpty(text)) return null;
                if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text == "1") return true;
                if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text == "0") return false;
                throw new JsonException($"Expected a boolean but found the string '{Excerpt(text)}'.");
            default:
                throw new JsonException($"Expected a boolean but found {reader.TokenType}.");
        }
    }

    internal static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        double? number;
        if (reader.TokenType == JsonTokenType.String)
        {
            // Parsed once here: a numeric string (v1 sends "1760400087") is not read again as a number.
            string text = reader.GetString()!;
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date)) return date;
                throw new JsonException($"Expected a timestamp but found the string '{Excerpt(text)}'.");
            }

            if (!double.IsFinite(parsed)) throw new JsonException($"Expected a number but found the string '{Excerpt(text.Trim())}'.");
            number = parsed;
        }
        else
        {
            number = ReadNumber(ref reader);
            if (number is null) return null;
        }

        double seconds = Math.Abs(number.Value) >= MillisecondsThreshold ? number.Value / 1000d : number.Value;
        if (seconds < -62_135_596_800d || seconds > 253_402_300_799d)
        {
            throw new JsonException($"The timestamp {number.Value.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
    }

    internal static double? ReadNumber(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String:
                string text = reader.GetString()!.Trim();
                if (string.IsNullOrEmpty(text)) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed)) return parsed;
                throw new JsonException($"Expected a number but found the string '{Excerpt(text)}'.");
            default:
                throw new JsonException($"Expected a number but found {reader.TokenType}.");
        }
    }

    internal static string RawText(in Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return System.Text.Encoding.UTF8.GetString(span);
    }

    internal static string Excerpt(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
