using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Cli.Commands;

namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>
/// The documents of <c>--output json</c>, written by generated code (no reflection): snake_case names like the REST API's,
/// every field present (null when unknown), so a pipeline can rely on the shape.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(ListCommand.Document), TypeInfoPropertyName = "ListDocument")]
[JsonSerializable(typeof(GetCommand.Document), TypeInfoPropertyName = "GetDocument")]
[JsonSerializable(typeof(InstallCommand.Document), TypeInfoPropertyName = "InstallDocument")]
[JsonSerializable(typeof(EnsureCommand.Document), TypeInfoPropertyName = "EnsureDocument")]
[JsonSerializable(typeof(EnsureCommand.ClustersDocument), TypeInfoPropertyName = "EnsureClustersDocument")]
[JsonSerializable(typeof(RemoveCommand.Document), TypeInfoPropertyName = "RemoveDocument")]
[JsonSerializable(typeof(ValidateCommand.Document), TypeInfoPropertyName = "ValidateDocument")]
[JsonSerializable(typeof(NodesCommand.Document), TypeInfoPropertyName = "NodesDocument")]
[JsonSerializable(typeof(ActionCommand.Document), TypeInfoPropertyName = "ActionDocument")]
[JsonSerializable(typeof(CheckCommand.Document), TypeInfoPropertyName = "CheckDocument")]
[JsonSerializable(typeof(DatabasesCommand.Document), TypeInfoPropertyName = "DatabasesDocument")]
[JsonSerializable(typeof(UpgradeDbCommand.Document), TypeInfoPropertyName = "UpgradeDbDocument")]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context the tool writes with: as <see cref="Default"/>, but quotes and non-ASCII text as they are (stdout is not HTML).</summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
