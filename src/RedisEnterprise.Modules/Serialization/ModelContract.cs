using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// How the client reads the answers it gets most (module lists, modules, action polls): <see cref="ModulesJsonContext"/>'s
/// options, with <see cref="ModuleInfo"/> and <see cref="ActionInfo"/> read by hand (<see cref="ModuleInfoConverter"/>,
/// <see cref="ActionInfoConverter"/>). The keys, lenient values, unknown keys and errors are the generated metadata's.
/// </summary>
/// <remarks>
/// The source generator reads an <c>init</c>-only record through its constructor-argument path: every value of an object is
/// buffered in an argument array and the object built at its end. That made 500 modules 1.33× as slow to parse as a plain
/// mutable DTO; read by hand they take 0.85× (<c>--paired</c> in the benchmarks). The public <see cref="ModulesJsonContext"/>
/// is unchanged, for callers and for the answers read only once per upload or delete.
/// </remarks>
internal static class ModelContract
{
    /// <summary>The options behind the type infos below.</summary>
    internal static JsonSerializerOptions Options { get; } = new(ModulesJsonContext.Default.Options)
    {
        Converters = { new ModuleInfoConverter(), new ActionInfoConverter() },
    };

    internal static JsonTypeInfo<IReadOnlyList<ModuleInfo>> ModuleList { get; } = TypeInfo<IReadOnlyList<ModuleInfo>>();

    internal static JsonTypeInfo<ModuleInfo> Module { get; } = TypeInfo<ModuleInfo>();

    internal static JsonTypeInfo<ActionInfo> Action { get; } = TypeInfo<ActionInfo>();

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
