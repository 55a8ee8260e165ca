using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// Reads an answer held whole in memory through the source-generated metadata, leaving the keys of an
/// <see cref="IKeepsUnreadKeys"/> model (the answer itself, or each element of an answer that is a list of them) to be read
/// from the answer's bytes when they are first asked for. Answers read as they stream in keep their keys at once.
/// </summary>
internal static class UnreadKeysReading
{
    private static readonly JsonSerializerOptions LeanOptions = new(ModulesJsonContext.Default.Options)
    {
        TypeInfoResolver = ModulesJsonContext.Default.WithAddedModifier(WithoutExtensionData),
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = ModulesJsonContext.Default.Options.AllowTrailingCommas,
        CommentHandling = ModulesJsonContext.Default.Options.ReadCommentHandling,
        MaxDepth = ModulesJsonContext.Default.Options.MaxDepth,
    };

    /// <summary>Reads <paramref name="json"/> as <paramref name="typeInfo"/> would, its models' other keys kept for later.</summary>
    internal static T? Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo)
    {
        if (Lean<T>.TypeInfo is not { } lean || !ReferenceEquals(typeInfo.Options, ModulesJsonContext.Default.Options)) return JsonSerializer.Deserialize(json, typeInfo);
        T? value = JsonSerializer.Deserialize(json, lean);
        return Keep(value, json, Lean<T>.ModelledNames) ? value : JsonSerializer.Deserialize(json, typeInfo);
    }

    /// <summary>Gives each model its object's bytes; <see langword="false"/> when the list read does not line up with the JSON array.</summary>
    private static bool Keep<T>(T? value, ReadOnlySpan<byte> json, FrozenSet<string> modelledNames)
    {
        switch (value)
        {
            case IKeepsUnreadKeys model:
                model.KeepUnreadKeys(new UnreadKeys(json.ToArray(), modelledNames, ReaderOptions));
                return true;
            case IReadOnlyList<IKeepsUnreadKeys?> models:
                byte[] copy = json.ToArray(); // one copy for every element of the answer
                var reader = new Utf8JsonReader(copy, ReaderOptions);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                int index = 0;
                for (; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    if (index >= models.Count) return false;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        if (models[index] is not null) return false;
                        reader.Skip();
                        continue;
                    }

                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    models[index]?.KeepUnreadKeys(new UnreadKeys(copy.AsMemory(start, (int)reader.BytesConsumed - start), modelledNames, ReaderOptions));
                }

                return index == models.Count;
            default:
                return true;
        }
    }

    private static void WithoutExtensionData(JsonTypeInfo typeInfo)
    {
        if (!typeof(IKeepsUnreadKeys).IsAssignableFrom(typeInfo.Type)) return;
        for (int i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].IsExtensionData) typeInfo.Properties.RemoveAt(i);
        }
    }

    /// <summary>For <typeparamref name="T"/> an <see cref="IKeepsUnreadKeys"/> model or a list of them: its lean metadata and the names its model reads.</summary>
    private static class Lean<T>
    {
        internal static readonly JsonTypeInfo<T>? TypeInfo;

        internal static readonly FrozenSet<string> ModelledNames = FrozenSet<string>.Empty;

        static Lean()
        {
            Type type = typeof(T);
            Type? model = typeof(IKeepsUnreadKeys).IsAssignableFrom(type) ? type
                : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && typeof(IKeepsUnreadKeys).IsAssignableFrom(type.GetGenericArguments()[0]) ? type.GetGenericArguments()[0]
                : null;
            if (model is null) return;
            TypeInfo = (JsonTypeInfo<T>)LeanOptions.GetTypeInfo(type);
            ModelledNames = LeanOptions.GetTypeInfo(model).Properties.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);
        }
    }
}
