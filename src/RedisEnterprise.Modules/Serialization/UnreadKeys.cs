using System.Collections.Frozen;
using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>One JSON object's bytes, from which the keys its model does not know are read once, when first asked for.</summary>
internal sealed class UnreadKeys(ReadOnlyMemory<byte> utf8Object, FrozenSet<string> modelledNames, JsonReaderOptions readerOptions)
{
    private Dictionary<string, JsonElement>? _read;

    /// <summary>The keys the model does not know, as raw JSON; <see langword="null"/> when there are none.</summary>
    internal Dictionary<string, JsonElement>? Read()
    {
        if (_read is { } read) return read.Count == 0 ? null : read;
        var reader = new Utf8JsonReader(utf8Object.Span, readerOptions);
        JsonElement root = JsonElement.ParseValue(ref reader); // one document for all the keys, not one per key
        var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!modelledNames.Contains(property.Name)) keys[property.Name] = property.Value;
        }

        Interlocked.CompareExchange(ref _read, keys, null);
        return _read.Count == 0 ? null : _read;
    }
}
