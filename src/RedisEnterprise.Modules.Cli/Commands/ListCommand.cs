using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>list</c>: the cluster's modules, by name and version.</summary>
internal static class ListCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("list", "List the modules the cluster has.");
        runner.SetClusterAction(command, async (context, client) =>
        {
            IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(context.Cancellation).ConfigureAwait(false);
            var document = new Document([.. modules.OrderBy(m => m.ModuleName, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Version).Select(ModuleView.From)]);
            context.Output.Result(document, CliJsonContext.Output.ListDocument, d => Tables.Modules(d.Modules));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>{ "modules": [ … ] }</c>.</summary>
    internal sealed record Document(IReadOnlyList<ModuleView> Modules);
}
