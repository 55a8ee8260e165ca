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
        if (value is not (IKeepsUnreadKeys or IReadOnlyList<IKeepsUnreadKeys?>)) return value;

        // The caller's buffer goes back to its pool: the models keep a copy of the answer, one for all of them.
        var answer = new UnreadAnswer(json.ToArray(), ReaderOptions);
        if (value is IKeepsUnreadKeys model)
        {
            model.KeepUnreadKeys(new UnreadKeys(answer, index: null, Lean<T>.ModelledNames));
        }
        else
        {
            // System.Text.Json reads a list element for element, nulls included, so a model's index is its element's.
            var models = (IReadOnlyList<IKeepsUnreadKeys?>)value;
            for (int i = 0; i < models.Count; i++) models[i]?.KeepUnreadKeys(new UnreadKeys(answer, i, Lean<T>.ModelledNames));
        }

        return value;
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
