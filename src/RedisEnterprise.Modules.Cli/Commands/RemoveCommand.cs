using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>remove &lt;uid | name@version&gt; [--yes]</c>: deletes one module version, after asking (or with <c>--yes</c>).</summary>
internal static class RemoveCommand
{
    public static Command Create(CommandRunner runner)
    {
        var module = new Argument<string>("module") { Description = "The module's uid, or name@version (a bare name is refused: it could mean several versions)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask; required when not on a terminal." };
        var command = new Command("remove", "Delete a module version from the cluster (and, on Redis Software 8, its package from every node).") { module, yes };
        runner.SetClusterAction(command, async (context, client) =>
        {
            ModuleInfo found = await ModuleReference.FindAsync(client, context.Value(module), versionRequired: true, context.Cancellation).ConfigureAwait(false);
            if (!context.Value(yes))
            {
                if (!context.Environment.IsTerminal) throw new UsageException($"remove deletes {found}; pass --yes to confirm when not on a terminal.");
                context.Environment.Error.Write($"Delete {found} from the cluster? [y/N] ");
                string? answer = await context.Environment.ReadLineAsync(context.Cancellation).ConfigureAwait(false);
                if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
                {
                    context.Output.Info("Nothing deleted.");
                    return ExitCodes.Success;
                }
            }

            await ProgressDisplay.WaitAsync(context.Output, $"deleting {found}", async () =>
            {
                await client.DeleteModuleAsync(found.Uid, context.Cancellation).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            context.Output.Result(new Document(ModuleView.From(found)), CliJsonContext.Output.RemoveDocument, d => Tables.Fields(("removed", $"{d.Removed.ModuleName} {d.Removed.SemanticVersion}"), ("uid", d.Removed.Uid)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>{ "removed": { … } }</c>: the module as it was.</summary>
    internal sealed record Document(ModuleView Removed);
}
