using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>nodes</c>: the cluster's nodes, with the software, OS and architecture a package must fit.</summary>
internal static class NodesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("nodes", "List the cluster's nodes: address, status, Redis Software version, OS and architecture.");
        runner.SetClusterAction(command, async (context, client) =>
        {
            IReadOnlyList<NodeInfo> nodes = await client.ListNodesAsync(context.Cancellation).ConfigureAwait(false);
            ModuleManagementMode mode = await client.GetModuleManagementModeAsync(context.Cancellation).ConfigureAwait(false);
            var document = new Document(mode == ModuleManagementMode.UserDefined ? "user_defined" : "cluster_upload", [.. nodes.Select(NodeView.From)]);
            context.Output.Result(document, CliJsonContext.Output.NodesDocument, d => Tables.Nodes(d.Nodes));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>{ "module_management": "user_defined" | "cluster_upload", "nodes": [ … ] }</c>.</summary>
    internal sealed record Document(string ModuleManagement, IReadOnlyList<NodeView> Nodes);
}
