using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>validate &lt;package.zip&gt;</c>: the package checks an install makes before sending a byte, offline.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var package = new Argument<string>("package") { Description = "The module package (a RAMP zip)." };
        var command = new Command("validate", "Check a module package offline, as an install does before sending it; exits with 1 when it has a problem.") { package };
        runner.SetAction(command, async context =>
        {
            ModulePackage opened = await ModulePackage.OpenAsync(context.Value(package), context.Cancellation).ConfigureAwait(false);
            ModulePackageValidation validation = await opened.ValidateAsync(context.Cancellation).ConfigureAwait(false);
            var document = new Document(
                validation.FileName,
                validation.IsValid,
                opened.Metadata is { } metadata ? ModuleView.From(metadata) : null,
                [.. validation.Problems.Select(ProblemView.From)]);
            context.Output.Result(document, CliJsonContext.Output.ValidateDocument, Render);
            return validation.IsValid ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static Spectre.Console.Rendering.IRenderable Render(Document document) => document.Valid
        ? Tables.Fields(("package", document.FileName), ("valid", "yes"), ("module", document.Module?.ModuleName), ("semantic version", document.Module?.SemanticVersion))
        : Tables.Problems(document.Problems);

    /// <summary><c>{ "file_name", "valid", "module": { … } | null, "problems": [ { "code", "message", "entry" } ] }</c>.</summary>
    internal sealed record Document(string FileName, bool Valid, ModuleView? Module, IReadOnlyList<ProblemView> Problems);
}
