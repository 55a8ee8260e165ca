using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// How the SDK reads the answers it gets most (module lists, modules, action polls): <see cref="ModulesJsonContext"/>'s
/// metadata, except for two things. <see cref="ModuleInfo"/> is read by hand (<see cref="ModuleInfoConverter"/>). The other
/// immutable models are created empty and each init-only property is set as its key is read, the way System.Text.Json fills
/// a mutable class. Keys, lenient values, unknown keys and writing are unchanged.
/// </summary>
/// <remarks>
/// Left alone, the source generator treats init-only properties as constructor arguments: it buffers every value of an
/// object in an argument array and builds the object at its end, which made a list of 500 modules 1.35× as slow to read
/// as a plain mutable DTO. An init accessor is an ordinary method at run time; <see cref="UnsafeAccessorAttribute"/>
/// calls it without reflection, so this stays trimming- and Native AOT-safe. A type not listed here keeps the generated path.
/// </remarks>
internal static class ModelContract
{
    // Declared before Options: the modifier reads it while the type infos below are created.
    private static readonly Dictionary<Type, Model> Models = new()
    {
        [typeof(ActionInfo)] = new(() => new ActionInfo(), new()
        {
            ["action_uid"] = (o, v) => ActionUid((ActionInfo)o, (string?)v),
            ["name"] = (o, v) => Name((ActionInfo)o, (string?)v),
            ["status"] = (o, v) => RawStatus((ActionInfo)o, (string?)v),
            ["progress"] = (o, v) => Progress((ActionInfo)o, (double?)v),
            ["node_uid"] = (o, v) => NodeUid((ActionInfo)o, (string?)v),
            ["object_name"] = (o, v) => ObjectName((ActionInfo)o, (string?)v),
            ["state"] = (o, v) => State((ActionInfo)o, (string?)v),
            ["task_id"] = (o, v) => TaskId((ActionInfo)o, (string?)v),
            ["action_type"] = (o, v) => ActionType((ActionInfo)o, (string?)v),
            ["creation_time"] = (o, v) => CreationTime((ActionInfo)o, (DateTimeOffset?)v),
            ["heartbeat"] = (o, v) => Heartbeat((ActionInfo)o, (DateTimeOffset?)v),
            ["error_code"] = (o, v) => ErrorCode((ActionInfo)o, (string?)v),
            ["error_message"] = (o, v) => ErrorMessage((ActionInfo)o, (string?)v),
            ["additional_info"] = (o, v) => AdditionalInfo((ActionInfo)o, (ActionAdditionalInfo?)v),
            ["pending_ops"] = (o, v) => PendingOps((ActionInfo)o, (JsonElement?)v),
        }),
    };

    /// <summary>The options behind the type infos below.</summary>
    internal static JsonSerializerOptions Options { get; } = new(ModulesJsonContext.Default.Options)
    {
        TypeInfoResolver = ModulesJsonContext.Default.WithAddedModifier(SetPropertiesAsRead),
        Converters = { new ModuleInfoConverter() },
    };

    internal static JsonTypeInfo<IReadOnlyList<ModuleInfo>> ModuleList { get; } = TypeInfo<IReadOnlyList<ModuleInfo>>();

    internal static JsonTypeInfo<ModuleInfo> Module { get; } = TypeInfo<ModuleInfo>();

    internal static JsonTypeInfo<ActionInfo> Action { get; } = TypeInfo<ActionInfo>();

    /// <summary>The types read through setters, and the JSON keys each one sets; for the tests that check every property has one.</summary>
    internal static IReadOnlyDictionary<Type, IReadOnlyCollection<string>> SetKeys =>
        Models.ToDictionary(model => model.Key, model => (IReadOnlyCollection<string>)model.Value.Setters.Keys);

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void SetPropertiesAsRead(JsonTypeInfo typeInfo)
    {
        if (!Models.TryGetValue(typeInfo.Type, out Model? model)) return;

        // With a parameterless creator, System.Text.Json drops the constructor-argument path and calls each property's setter.
        typeInfo.CreateObject = model.Create;
        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (model.Setters.TryGetValue(property.Name, out Action<object, object?>? set)) property.Set = set;
        }
    }

    private sealed record Model(Func<object> Create, Dictionary<string, Action<object, object?>> Setters);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ActionUid")] private static extern void ActionUid(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Name")] private static extern void Name(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_RawStatus")] private static extern void RawStatus(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Progress")] private static extern void Progress(ActionInfo model, double? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_NodeUid")] private static extern void NodeUid(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ObjectName")] private static extern void ObjectName(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_State")] private static extern void State(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_TaskId")] private static extern void TaskId(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ActionType")] private static extern void ActionType(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_CreationTime")] private static extern void CreationTime(ActionInfo model, DateTimeOffset? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Heartbeat")] private static extern void Heartbeat(ActionInfo model, DateTimeOffset? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ErrorCode")] private static extern void ErrorCode(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ErrorMessage")] private static extern void ErrorMessage(ActionInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_AdditionalInfo")] private static extern void AdditionalInfo(ActionInfo model, ActionAdditionalInfo? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_PendingOps")] private static extern void PendingOps(ActionInfo model, JsonElement? value);
}
