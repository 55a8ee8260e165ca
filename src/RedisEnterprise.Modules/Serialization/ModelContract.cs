using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// How the SDK reads the answers it gets most (module lists, modules, action polls): <see cref="ModulesJsonContext"/>'s
/// metadata, except that the immutable models are created empty and each init-only property is set as its key is read,
/// the way System.Text.Json fills a mutable class. Keys, converters, unknown keys and writing are unchanged.
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
        [typeof(ModuleInfo)] = new(() => new ModuleInfo(), WithDescriptorSetters(new()
        {
            ["uid"] = (o, v) => Uid((ModuleInfo)o, (string)v!),
            ["is_bundled"] = (o, v) => IsBundled((ModuleInfo)o, (bool?)v),
            ["crdb"] = (o, v) => Crdb((ModuleInfo)o, (ModuleCrdbInfo?)v),
            ["platforms"] = (o, v) => Platforms((ModuleInfo)o, (IReadOnlyDictionary<string, ModulePlatform>?)v),
            ["action_uid"] = (o, v) => ActionUid((ModuleInfo)o, (string?)v),
        })),
        [typeof(ModuleDependency)] = new(() => new ModuleDependency(), new()
        {
            ["url"] = (o, v) => Url((ModuleDependency)o, (string?)v),
            ["sha256"] = (o, v) => Sha256((ModuleDependency)o, (string?)v),
        }),
        [typeof(ModulePlatform)] = new(() => new ModulePlatform(), new()
        {
            ["dependencies"] = (o, v) => Dependencies((ModulePlatform)o, (IReadOnlyDictionary<string, ModuleDependency>?)v),
            ["sha256"] = (o, v) => Sha256((ModulePlatform)o, (string?)v),
        }),
        [typeof(ModuleCrdbInfo)] = new(() => new ModuleCrdbInfo(), new()
        {
            ["supported_featureset_versions"] = (o, v) => SupportedFeaturesetVersions((ModuleCrdbInfo)o, (IReadOnlyList<int>?)v),
        }),
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

    private static Dictionary<string, Action<object, object?>> WithDescriptorSetters(Dictionary<string, Action<object, object?>> setters)
    {
        setters["module_name"] = (o, v) => ModuleName((ModuleDescriptor)o, (string?)v);
        setters["display_name"] = (o, v) => DisplayName((ModuleDescriptor)o, (string?)v);
        setters["semantic_version"] = (o, v) => SemanticVersion((ModuleDescriptor)o, (string?)v);
        setters["version"] = (o, v) => Version((ModuleDescriptor)o, (long?)v);
        setters["author"] = (o, v) => Author((ModuleDescriptor)o, (string?)v);
        setters["email"] = (o, v) => Email((ModuleDescriptor)o, (string?)v);
        setters["description"] = (o, v) => Description((ModuleDescriptor)o, (string?)v);
        setters["homepage"] = (o, v) => Homepage((ModuleDescriptor)o, (string?)v);
        setters["license"] = (o, v) => License((ModuleDescriptor)o, (string?)v);
        setters["command_line_args"] = (o, v) => CommandLineArgs((ModuleDescriptor)o, (string?)v);
        setters["config_command"] = (o, v) => ConfigCommand((ModuleDescriptor)o, (string?)v);
        setters["capability_name"] = (o, v) => CapabilityName((ModuleDescriptor)o, (string?)v);
        setters["capabilities"] = (o, v) => Capabilities((ModuleDescriptor)o, (IReadOnlyList<string>?)v);
        setters["min_redis_version"] = (o, v) => MinRedisVersion((ModuleDescriptor)o, (string?)v);
        setters["min_redis_pack_version"] = (o, v) => MinRedisPackVersion((ModuleDescriptor)o, (string?)v);
        setters["compatible_redis_version"] = (o, v) => CompatibleRedisVersion((ModuleDescriptor)o, (string?)v);
        setters["sha256"] = (o, v) => Sha256((ModuleDescriptor)o, (string?)v);
        setters["module_file"] = (o, v) => ModuleFile((ModuleDescriptor)o, (string?)v);
        setters["bigstore_version_2_support"] = (o, v) => BigstoreVersion2Support((ModuleDescriptor)o, (bool?)v);
        setters["dependencies"] = (o, v) => Dependencies((ModuleDescriptor)o, (IReadOnlyDictionary<string, ModuleDependency>?)v);
        setters["architecture"] = (o, v) => Architecture((ModuleDescriptor)o, (string?)v);
        setters["os"] = (o, v) => Os((ModuleDescriptor)o, (string?)v);
        setters["os_list"] = (o, v) => OsList((ModuleDescriptor)o, (IReadOnlyList<string>?)v);
        return setters;
    }

    private sealed record Model(Func<object> Create, Dictionary<string, Action<object, object?>> Setters);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ModuleName")] private static extern void ModuleName(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_DisplayName")] private static extern void DisplayName(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_SemanticVersion")] private static extern void SemanticVersion(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Version")] private static extern void Version(ModuleDescriptor model, long? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Author")] private static extern void Author(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Email")] private static extern void Email(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Description")] private static extern void Description(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Homepage")] private static extern void Homepage(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_License")] private static extern void License(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_CommandLineArgs")] private static extern void CommandLineArgs(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ConfigCommand")] private static extern void ConfigCommand(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_CapabilityName")] private static extern void CapabilityName(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Capabilities")] private static extern void Capabilities(ModuleDescriptor model, IReadOnlyList<string>? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_MinRedisVersion")] private static extern void MinRedisVersion(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_MinRedisPackVersion")] private static extern void MinRedisPackVersion(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_CompatibleRedisVersion")] private static extern void CompatibleRedisVersion(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Sha256")] private static extern void Sha256(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ModuleFile")] private static extern void ModuleFile(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_BigstoreVersion2Support")] private static extern void BigstoreVersion2Support(ModuleDescriptor model, bool? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Dependencies")] private static extern void Dependencies(ModuleDescriptor model, IReadOnlyDictionary<string, ModuleDependency>? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Architecture")] private static extern void Architecture(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Os")] private static extern void Os(ModuleDescriptor model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_OsList")] private static extern void OsList(ModuleDescriptor model, IReadOnlyList<string>? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Uid")] private static extern void Uid(ModuleInfo model, string value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_IsBundled")] private static extern void IsBundled(ModuleInfo model, bool? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Crdb")] private static extern void Crdb(ModuleInfo model, ModuleCrdbInfo? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Platforms")] private static extern void Platforms(ModuleInfo model, IReadOnlyDictionary<string, ModulePlatform>? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_ActionUid")] private static extern void ActionUid(ModuleInfo model, string? value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Url")] private static extern void Url(ModuleDependency model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Sha256")] private static extern void Sha256(ModuleDependency model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Dependencies")] private static extern void Dependencies(ModulePlatform model, IReadOnlyDictionary<string, ModuleDependency>? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Sha256")] private static extern void Sha256(ModulePlatform model, string? value);
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_SupportedFeaturesetVersions")] private static extern void SupportedFeaturesetVersions(ModuleCrdbInfo model, IReadOnlyList<int>? value);

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
