using System.Collections.Frozen;
using System.Text.Json;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// Where one model's object stands in its answer (the root, or the element at <paramref name="index"/> of a root array), and
/// the names its model reads: the keys it does not know are read from there once, when first asked for.
/// </summary>
internal sealed class UnreadKeys(UnreadAnswer answer, int? index, FrozenSet<string> modelledNames)
{
    private Dictionary<string, JsonElement>? _read;

    /// <summary>The keys the model does not know, as raw JSON; <see langword="null"/> when there are none.</summary>
    internal Dictionary<string, JsonElement>? Read()
    {
        if (_read is null)
        {
            var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            JsonElement value = index is { } i ? answer.ElementAt(i) : answer.Root;
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (!modelledNames.Contains(property.Name)) keys[property.Name] = property.Value;
                }
            }

            Interlocked.CompareExchange(ref _read, keys, null);
        }

        return _read.Count == 0 ? null : _read;
    }
}
