using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Source-generated JSON for the fake cluster's own records: no reflection, so it works where reflection-based
/// serialization is off (native AOT, trimmed and file-based apps). Lenient where a package's module.json may be.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FakeModule))]
[JsonSerializable(typeof(IReadOnlyList<FakeModule>))]
internal sealed partial class FakeClusterJsonContext : JsonSerializerContext;
