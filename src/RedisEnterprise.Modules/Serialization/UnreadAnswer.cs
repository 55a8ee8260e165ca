using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>A copy of one answer's bytes, parsed into one document the first time a model of it asks for its other keys.</summary>
internal sealed class UnreadAnswer(byte[] utf8, JsonReaderOptions readerOptions)
{
    private readonly Lazy<JsonElement> _root = new(() =>
    {
        var reader = new Utf8JsonReader(utf8, readerOptions);
        return JsonElement.ParseValue(ref reader);
    });

    private JsonElement[]? _elements;

    /// <summary>The answer's root value.</summary>
    internal JsonElement Root => _root.Value;

    /// <summary>The element at <paramref name="index"/> of a root array (the array read once for all its models), or an undefined element.</summary>
    internal JsonElement ElementAt(int index)
    {
        JsonElement[] elements = _elements ??= Root.ValueKind == JsonValueKind.Array ? [.. Root.EnumerateArray()] : [];
        return index < elements.Length ? elements[index] : default;
    }
}
