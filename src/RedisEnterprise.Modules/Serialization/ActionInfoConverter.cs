using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using static RedisEnterprise.Modules.Serialization.JsonReading;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// Reads <see cref="ActionInfo"/> by hand, for every poll of a long-running operation: the same keys, lenient values,
/// <c>null</c>s, errors and kept unknown keys as the generated metadata, as <see cref="ModuleInfoConverter"/> does for modules.
/// Writing goes through the generated metadata.
/// </summary>
internal sealed class ActionInfoConverter : JsonConverter<ActionInfo>
{
    private static readonly KeyTable<ReadMember<ActionInfo>> Members = new()
    {
        ["action_uid"] = (a, ref r) => ActionUid(a, LenientJson.ReadString(ref r)),
        ["name"] = (a, ref r) => Name(a, LenientJson.ReadString(ref r)),
        ["status"] = (a, ref r) => RawStatus(a, LenientJson.ReadString(ref r)),
        ["progress"] = (a, ref r) => Progress(a, LenientJson.ReadNumber(ref r)),
        ["node_uid"] = (a, ref r) => NodeUid(a, LenientJson.ReadString(ref r)),
        ["object_name"] = (a, ref r) => ObjectName(a, LenientJson.ReadString(ref r)),
        ["state"] = (a, ref r) => State(a, LenientJson.ReadString(ref r)),
        ["task_id"] = (a, ref r) => TaskId(a, LenientJson.ReadString(ref r)),
        ["action_type"] = (a, ref r) => ActionType(a, LenientJson.ReadString(ref r)),
        ["creation_time"] = (a, ref r) => CreationTime(a, LenientJson.ReadTimestamp(ref r)),
        ["heartbeat"] = (a, ref r) => Heartbeat(a, LenientJson.ReadTimestamp(ref r)),
        ["error_code"] = (a, ref r) => ErrorCode(a, LenientJson.ReadString(ref r)),
        ["error_message"] = (a, ref r) => ErrorMessage(a, LenientJson.ReadString(ref r)),
        ["additional_info"] = (a, ref r) => AdditionalInfo(a, ReadNullable(ref r, ReadAdditionalInfo)),
        ["pending_ops"] = (a, ref r) => PendingOps(a, ReadElement(ref r)),
        ["error"] = (a, ref r) => a.Error = LenientJson.ReadString(ref r),

        // Keys naming a [JsonIgnore] property are skipped, not kept with the unknown keys, as System.Text.Json does.
        [nameof(ActionInfo.Status)] = (a, ref r) => r.Skip(),
        [nameof(ActionInfo.IsTerminal)] = (a, ref r) => r.Skip(),
        [nameof(ActionInfo.AdditionalData)] = (a, ref r) => r.Skip(),
    };

    private static readonly KeyTable<ReadMember<ActionAdditionalInfo>> AdditionalInfoMembers = new()
    {
        ["description"] = (i, ref r) => Description(i, LenientJson.ReadString(ref r)),
        ["error"] = (i, ref r) => Error(i, LenientJson.ReadString(ref r)),
        ["object_type"] = (i, ref r) => ObjectType(i, LenientJson.ReadString(ref r)),
        ["object_uid"] = (i, ref r) => ObjectUid(i, LenientJson.ReadString(ref r)),
        ["pending_ops"] = (i, ref r) => PendingOps(i, ReadElement(ref r)),
    };

    /// <summary>The keys read here, by model, for the test that compares them with the models'.</summary>
    internal static IReadOnlyDictionary<Type, IEnumerable<string>> Keys { get; } = new Dictionary<Type, IEnumerable<string>>
    {
        [typeof(ActionInfo)] = Members.Keys,
        [typeof(ActionAdditionalInfo)] = AdditionalInfoMembers.Keys,
    };

    /// <inheritdoc />
    public override ActionInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ActionInfo action = ReadObject(ref reader, new ActionInfo(), Members, static a => a.ExtensionData ??= []);
        ((IJsonOnDeserialized)action).OnDeserialized(); // the error message's fallbacks, as after the generated reading
        return action;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ActionInfo value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ModulesJsonContext.Default.ActionInfo);

    private static ActionAdditionalInfo ReadAdditionalInfo(ref Utf8JsonReader reader) => ReadObject(ref reader, new ActionAdditionalInfo(), AdditionalInfoMembers);

    // The init accessors are ordinary methods at run time; UnsafeAccessor calls them without reflection (AOT-safe).
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
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Description")] private static extern void Description(ActionAdditionalInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Error")] private static extern void Error(ActionAdditionalInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ObjectType")] private static extern void ObjectType(ActionAdditionalInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ObjectUid")] private static extern void ObjectUid(ActionAdditionalInfo model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_PendingOps")] private static extern void PendingOps(ActionAdditionalInfo model, JsonElement? value);
}
