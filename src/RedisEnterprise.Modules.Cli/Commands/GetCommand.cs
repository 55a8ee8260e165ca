using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>get &lt;uid | name[@version]&gt;</c>: one module.</summary>
internal static class GetCommand
{
    public static Command Create(CommandRunner runner)
    {
        var module = new Argument<string>("module") { Description = "The module's uid, name@version, or name (its highest version)." };
        var command = new Command("get", "Show one module.") { module };
        runner.SetClusterAction(command, async (context, client) =>
        {
            ModuleInfo found = await ModuleReference.FindAsync(client, context.Value(module), versionRequired: false, context.Cancellation).ConfigureAwait(false);
            context.Output.Result(new Document(ModuleView.From(found)), CliJsonContext.Output.GetDocument, d => Tables.Module(d.Module));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>{ "module": { … } }</c>.</summary>
    internal sealed record Document(ModuleView Module);
}
