using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Serialization;

/// <summary>Source-generated System.Text.Json metadata for every type the SDK reads or writes: the one way the SDK reads JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModuleInfo))]
[JsonSerializable(typeof(IReadOnlyList<ModuleInfo>))]
[JsonSerializable(typeof(ActionInfo))]
[JsonSerializable(typeof(ActionReference))]
[JsonSerializable(typeof(ModulePackageMetadata))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(IReadOnlyList<NodeInfo>))]
[JsonSerializable(typeof(IReadOnlyList<ModuleArtifact>))]
[JsonSerializable(typeof(ModuleUploadSetting))]
[JsonSerializable(typeof(DatabaseInfo))]
[JsonSerializable(typeof(IReadOnlyList<DatabaseInfo>))]
[JsonSerializable(typeof(DatabaseUpgradeRequest))]
internal sealed partial class ModulesJsonContext : JsonSerializerContext;
