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

    /// <summary>The answer's root value.</summary>
    internal JsonElement Root => _root.Value;
}
