using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>check &lt;package.zip&gt;</c>: the compatibility report (reads only); exit code 3 when the package does not fit.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandRunner runner)
    {
        var package = new Argument<string>("package") { Description = "The module package (a RAMP zip)." };
        var enableUploads = new Option<bool>("--enable-uploads") { Description = "Check as for an install with --enable-uploads: uploads that are off are then a warning, not a problem." };
        var command = new Command("check", "Check a module package against the cluster before sending it (nodes' OS and architecture, versions, uploads, databases); only reads. Exits with 3 when it does not fit.") { package, enableUploads };
        runner.SetClusterAction(command, async (context, client) =>
        {
            var options = new UploadModuleOptions { EnableModuleUploads = context.Value(enableUploads) };
            ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(context.Value(package), options, context.Cancellation).ConfigureAwait(false);
            Document document = Document.From(report);
            context.Output.Result(document, CliJsonContext.Output.CheckDocument, Render);
            return report.IsCompatible ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }

    private static IRenderable Render(Document document)
    {
        var rows = new List<IRenderable>
        {
            Tables.Fields(
                ("package", document.FileName),
                ("module", document.Package is { } p ? $"{p.ModuleName} {p.SemanticVersion}" : null),
                ("compatible", document.Compatible ? "yes" : "no"),
                ("already installed", document.AlreadyInstalled?.Uid),
                ("databases that can use it", string.Join(", ", document.DatabasesThatCanUse.Select(d => $"{d.Name} ({d.Uid})"))),
                ("upgrade candidates", string.Join(", ", document.UpgradeCandidates.Select(d => $"{d.Name} ({d.Uid})")))),
        };
        if (document.Problems.Count + document.Warnings.Count > 0)
        {
            Table issues = Tables.New("", "code", "node", "database", "message");
            foreach (CompatibilityIssueView issue in document.Problems) Tables.Row(issues, "problem", issue.Code, Tables.Number(issue.NodeUid), Tables.Number(issue.DatabaseUid), issue.Message);
            foreach (CompatibilityIssueView issue in document.Warnings) Tables.Row(issues, "warning", issue.Code, Tables.Number(issue.NodeUid), Tables.Number(issue.DatabaseUid), issue.Message);
            rows.Add(issues);
        }

        return new Rows(rows);
    }

    /// <summary>
    /// <c>{ "file_name", "compatible", "package", "problems", "warnings", "already_installed", "databases_that_can_use",
    /// "upgrade_candidates" }</c>: the SDK's <see cref="ModuleCompatibilityReport"/>.
    /// </summary>
    internal sealed record Document(
        string FileName,
        bool Compatible,
        ModuleView? Package,
        IReadOnlyList<CompatibilityIssueView> Problems,
        IReadOnlyList<CompatibilityIssueView> Warnings,
        ModuleView? AlreadyInstalled,
        IReadOnlyList<DatabaseView> DatabasesThatCanUse,
        IReadOnlyList<DatabaseView> UpgradeCandidates)
    {
        public static Document From(ModuleCompatibilityReport report) => new(
            report.FileName,
            report.IsCompatible,
            report.Package is { } package ? ModuleView.From(package) : null,
            [.. report.Problems.Select(CompatibilityIssueView.From)],
            [.. report.Warnings.Select(CompatibilityIssueView.From)],
            report.AlreadyInstalled is { } installed ? ModuleView.From(installed) : null,
            [.. report.DatabasesThatCanUse.Select(DatabaseView.From)],
            [.. report.UpgradeCandidates.Select(DatabaseView.From)]);
    }
}
