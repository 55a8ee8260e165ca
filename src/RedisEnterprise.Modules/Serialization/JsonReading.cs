using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Reads one member's value from the reader into <paramref name="target"/>.</summary>
internal delegate void ReadMember<in T>(T target, ref Utf8JsonReader reader);

/// <summary>Reads one value from the reader.</summary>
internal delegate T ReadValue<out T>(ref Utf8JsonReader reader);

/// <summary>
/// What the hand-written readers (<see cref="ModuleInfoConverter"/>, <see cref="ActionInfoConverter"/>) share: objects read
/// key by key, maps, lists and numbers, each with System.Text.Json's own rules for what it accepts and how it fails.
/// </summary>
internal static class JsonReading
{
    // Longer keys are none of the models', so an escaped name needs at most this much room to be compared.
    internal const int MaxKeyLength = 64;

    /// <summary>
    /// Reads the object under the reader into <paramref name="target"/> and returns it: each known key through its member (an
    /// error naming the key), each other key into <paramref name="unknownKeys"/> as a <see cref="JsonElement"/>, or skipped
    /// when that is null (as System.Text.Json skips the keys of a type without extension data).
    /// </summary>
    internal static T ReadObject<T>(ref Utf8JsonReader reader, T target, KeyTable<ReadMember<T>> members, Func<T, Dictionary<string, JsonElement>>? unknownKeys = null)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        Span<byte> scratch = stackalloc byte[MaxKeyLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> key = Unescaped(in reader, scratch);
            if (members.TryGet(key, out ReadMember<T>? member))
            {
                reader.Read();
                try
                {
                    member(target, ref reader);
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
                {
                    // The generated metadata's errors carry the key in their path; a converter's path ends at the object.
                    throw new JsonException($"{e.Message} (at '{Encoding.UTF8.GetString(key)}')", e);
                }
            }
            else if (unknownKeys is null)
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                string unknown = UnknownKey(in reader);
                reader.Read();
                unknownKeys(target)[unknown] = JsonElement.ParseValue(ref reader);
            }
        }

        return target;
    }

    /// <summary>An object of values by key, or <see langword="null"/>; <c>null</c> values kept, the last of repeated keys winning.</summary>
    internal static Dictionary<string, T>? ReadMap<T>(ref Utf8JsonReader reader, ReadValue<T> readValue)
        where T : class
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject);
        var map = new Dictionary<string, T>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            map[key] = reader.TokenType == JsonTokenType.Null ? null! : readValue(ref reader);
        }

        return map;
    }

    /// <summary>An array of strings (<c>null</c> items kept), or <see langword="null"/>.</summary>
    internal static List<string>? ReadStrings(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadList(ref reader, static (ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.String => r.GetString()!,
            JsonTokenType.Null => null!,
            _ => throw new JsonException($"Expected a string but found {r.TokenType}."),
        });

    /// <summary>An array of integers (numbers or numeric strings), or <see langword="null"/>.</summary>
    internal static List<int>? ReadInt32s(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadList(ref reader, ReadInt32);

    /// <summary>Any JSON value, or <see langword="null"/> for a JSON <c>null</c>.</summary>
    internal static JsonElement? ReadElement(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>An object read by <paramref name="read"/>, or <see langword="null"/>.</summary>
    internal static T? ReadNullable<T>(ref Utf8JsonReader reader, ReadValue<T> read)
        where T : class =>
        reader.TokenType == JsonTokenType.Null ? null : read(ref reader);

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token) throw new JsonException($"Expected {token} but found {reader.TokenType}.");
    }

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, ReadValue<T> readItem)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(readItem(ref reader));
        return list;
    }

    // As System.Text.Json reads an int with AllowReadingFromString: a number, or a string holding nothing but one.
    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.GetInt32();
        if (reader.TokenType == JsonTokenType.String)
        {
            ReadOnlySpan<byte> text = Unescaped(in reader, stackalloc byte[MaxKeyLength]);
            if (Utf8Parser.TryParse(text, out int parsed, out int consumed) && consumed == text.Length) return parsed;
        }

        throw new JsonException($"Expected an integer but found {reader.TokenType}.");
    }

    /// <summary>An unknown key as System.Text.Json keeps it: unescaped, and bytes that are not UTF-8 replaced rather than refused.</summary>
    private static string UnknownKey(in Utf8JsonReader reader)
    {
        string raw = LenientJson.RawText(in reader);
        if (!reader.ValueIsEscaped) return raw;

        // Rare. Escapes are ASCII, so replacing the bytes that are not UTF-8 first and unescaping after gives what
        // System.Text.Json gives (the reader's own unescaping refuses such bytes).
        return JsonSerializer.Deserialize($"\"{raw}\"", ModulesJsonContext.Default.String)!;
    }

    /// <summary>
    /// The string or property name under the reader, unescaped; empty (no key, no number) when longer than
    /// <paramref name="scratch"/> or escaped around bytes that are not UTF-8, which the reader's unescaping refuses.
    /// An escaped lone surrogate is a <see cref="JsonException"/>.
    /// </summary>
    private static ReadOnlySpan<byte> Unescaped(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return reader.ValueSpan;
        long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > scratch.Length) return [];
        try
        {
            return scratch[..reader.CopyString(scratch)];
        }
        catch (InvalidOperationException)
        {
            _ = UnknownKey(in reader); // a lone surrogate escape fails here, as System.Text.Json's own lookup fails on it
            return [];
        }
    }
}

/// <summary>Values by UTF-8 key, found by the key's length first: a few byte comparisons a lookup.</summary>
internal sealed class KeyTable<T>
{
    private readonly List<(byte[] Key, T Value)>?[] _byLength = new List<(byte[], T)>?[JsonReading.MaxKeyLength + 1];

    /// <summary>The keys, for the tests that compare them with the models'.</summary>
    internal IEnumerable<string> Keys => _byLength.Where(bucket => bucket is not null).SelectMany(bucket => bucket!).Select(entry => Encoding.UTF8.GetString(entry.Key));

    internal T this[string key]
    {
        set
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(key);
            (_byLength[utf8.Length] ??= []).Add((utf8, value));
        }
    }

    internal bool TryGet(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out T value)
    {
        if (key.Length <= JsonReading.MaxKeyLength && _byLength[key.Length] is { } bucket)
        {
            foreach ((byte[] candidate, T found) in bucket)
            {
                if (key.SequenceEqual(candidate))
                {
                    value = found;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
