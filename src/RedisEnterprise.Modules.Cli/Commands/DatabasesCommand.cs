using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;
using Spectre.Console.Rendering;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>databases [--module name]</c>: the databases, with the Redis version and the modules each loads.</summary>
internal static class DatabasesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var module = new Option<string?>("--module") { Description = "Only the databases that load this module (its module_name, e.g. ReJSON)." };
        var command = new Command("databases", "List the databases with their Redis version and the modules they load.") { module };
        runner.SetClusterAction(command, async (context, client) =>
        {
            IReadOnlyList<DatabaseInfo> databases = context.Value(module) is { } name
                ? await client.FindDatabasesUsingModuleAsync(name, context.Cancellation).ConfigureAwait(false)
                : await client.ListDatabasesAsync(context.Cancellation).ConfigureAwait(false);
            context.Output.Result(new Document([.. databases.Select(DatabaseView.From)]), CliJsonContext.Output.DatabasesDocument, d => Render(d.Databases));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static IRenderable Render(IEnumerable<DatabaseView> databases)
    {
        var table = Tables.New("database", "name", "status", "Redis", "modules");
        foreach (DatabaseView d in databases)
        {
            Tables.Row(table, d.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Name, d.Status, d.RedisVersion, string.Join(", ", d.Modules.Select(m => $"{m.ModuleName} {m.SemanticVersion}")));
        }

        return table;
    }

    /// <summary><c>{ "databases": [ { "uid", "name", "status", "redis_version", "modules": [ { "module_name", "semantic_version", "module_id", "module_args" } ] } ] }</c>.</summary>
    internal sealed record Document(IReadOnlyList<DatabaseView> Databases);
}
