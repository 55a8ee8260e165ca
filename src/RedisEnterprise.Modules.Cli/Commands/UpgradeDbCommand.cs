using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>
/// <c>upgrade-db &lt;uid&gt; --module name@version</c>: moves a database to a module version. With only <c>--module</c>, the SDK's
/// one call (keeps the module's arguments and the Redis version, previews, refuses a preview that shows another version);
/// with <c>--dry-run</c> or any setting of the upgrade request, that request, built the same way.
/// </summary>
internal static class UpgradeDbCommand
{
    public static Command Create(CommandRunner runner)
    {
        var uid = new Argument<int>("uid") { Description = "The database's uid (redis-modules databases lists them)." };
        var module = new Option<string>("--module") { Description = "The module version to move to, as name@version, e.g. ReJSON@2.8.4; the cluster must have it.", Required = true };
        var redisVersion = new Option<string?>("--redis-version") { Description = "Move the database to this Redis version too (default: keep its own)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the database as the cluster would make it; change nothing." };
        var preserveRoles = new Option<bool>("--preserve-roles") { Description = "Keep the shards' master and replica roles (preserve_roles)." };
        var mayDiscardData = new Option<bool>("--may-discard-data") { Description = "Allow losing data of a database without persistence or replication (may_discard_data)." };
        var forceDiscard = new Option<bool>("--force-discard") { Description = "Discard data even of a replicated or persistent database (force_discard)." };
        var forceRestart = new Option<bool>("--force-restart") { Description = "Restart the shards even when nothing changes (force_restart)." };
        var keepCrdt = new Option<bool>("--keep-crdt-protocol-version") { Description = "Active-Active: keep the CRDT protocol version (keep_crdt_protocol_version)." };
        var parallelShards = new Option<int?>("--parallel-shards") { Description = "How many shards upgrade at once (parallel_shards_upgrade)." };
        var command = new Command("upgrade-db", "Move a database to a module version (and optionally a Redis version), after a preview.")
        {
            uid, module, redisVersion, dryRun, preserveRoles, mayDiscardData, forceDiscard, forceRestart, keepCrdt, parallelShards,
        };
        runner.SetClusterAction(command, async (context, client) =>
        {
            int databaseUid = context.Value(uid);
            (string moduleName, string? version) = ModuleReference.Parse(context.Value(module)!);
            if (version is null) throw new UsageException($"--module takes name@version, e.g. ReJSON@2.8.4; '{context.Value(module)}' is not.");
            // Named as get and remove name it (any case, semantic or integer version): the library is given the cluster's own
            // spelling, of the name at least when the cluster lacks that version, so that its error names the versions there are.
            IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(context.Cancellation).ConfigureAwait(false);
            if (modules.FirstOrDefault(m => ModuleReference.Names(m, moduleName, version)) is { ModuleName: { } spelled, SemanticVersion: { } semantic })
            {
                (moduleName, version) = (spelled, semantic);
            }
            else if (modules.FirstOrDefault(m => string.Equals(m.ModuleName, moduleName, StringComparison.OrdinalIgnoreCase)) is { ModuleName: { } named })
            {
                moduleName = named;
            }
            // The library builds the module's part of the request, previews it and refuses a preview that shows another version.
            var settings = new DatabaseUpgradeRequest
            {
                RedisVersion = context.Value(redisVersion),
                PreserveRoles = Set(context, preserveRoles),
                MayDiscardData = Set(context, mayDiscardData),
                ForceDiscard = Set(context, forceDiscard),
                ForceRestart = Set(context, forceRestart),
                KeepCrdtProtocolVersion = Set(context, keepCrdt),
                ParallelShardsUpgrade = context.Value(parallelShards),
            };
            DatabaseInfo result = context.Value(dryRun)
                ? await client.PreviewDatabaseModuleUpgradeAsync(databaseUid, moduleName, version, settings, context.Cancellation).ConfigureAwait(false)
                : await ProgressDisplay.WaitAsync(context.Output, $"upgrading database {databaseUid} to {moduleName} {version}", () => client.UpgradeDatabaseModuleAsync(databaseUid, moduleName, version, settings, context.Cancellation)).ConfigureAwait(false);
            context.Output.Result(new Document(context.Value(dryRun), DatabaseView.From(result)), CliJsonContext.Output.UpgradeDbDocument, Render);
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool? Set(CommandContext context, Option<bool> option) => context.Value(option) ? true : null;

    private static Spectre.Console.Rendering.IRenderable Render(Document document) => DatabasesCommand.Render([document.Database]);

    /// <summary><c>{ "dry_run", "database": { … } }</c>: the database after the upgrade, or as the cluster would make it.</summary>
    internal sealed record Document(bool DryRun, DatabaseView Database);
}
