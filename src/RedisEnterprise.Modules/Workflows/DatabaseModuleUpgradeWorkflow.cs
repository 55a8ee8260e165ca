using System.Globalization;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// Moves one database to one version of one module, the common upgrade in one call: the request is built from what the
/// cluster says (the database's module and arguments, its Redis version, the target module's uid), previewed, and started
/// only when the preview shows exactly that version for that module.
/// </summary>
internal static class DatabaseModuleUpgradeWorkflow
{
    internal static async Task<DatabaseUpgradeOperation> StartAsync(
        IRedisEnterpriseModulesClient client, int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken)
    {
        (DatabaseInfo database, DatabaseUpgradeRequest? request) = await PrepareAsync(client, databaseUid, moduleName, semanticVersion, settings, cancellationToken).ConfigureAwait(false);
        if (request is null) return DatabaseUpgradeOperation.Unchanged(client, databaseUid, database);
        await PreviewAsync(client, databaseUid, database, moduleName, semanticVersion, request, cancellationToken).ConfigureAwait(false);
        return await client.StartUpgradeDatabaseAsync(databaseUid, request, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<DatabaseInfo> PreviewAsync(
        IRedisEnterpriseModulesClient client, int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken)
    {
        (DatabaseInfo database, DatabaseUpgradeRequest? request) = await PrepareAsync(client, databaseUid, moduleName, semanticVersion, settings, cancellationToken).ConfigureAwait(false);
        return request is null ? database : await PreviewAsync(client, databaseUid, database, moduleName, semanticVersion, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The database, and the request that moves it (<see langword="null"/> when it already loads that version).</summary>
    private static async Task<(DatabaseInfo Database, DatabaseUpgradeRequest? Request)> PrepareAsync(
        IRedisEnterpriseModulesClient client, int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken)
    {
        DatabaseInfo database = await client.GetDatabaseAsync(databaseUid, cancellationToken).ConfigureAwait(false);
        DatabaseModule current = database.FindModule(moduleName) ?? throw new ArgumentException(
            $"Database {Describe(database)} does not load module '{moduleName}' (it loads: {Loaded(database)}); there is nothing to upgrade.",
            nameof(moduleName));
        if (string.Equals(current.SemanticVersion, semanticVersion, StringComparison.Ordinal) 
            && (settings?.RedisVersion is null || string.Equals(settings.RedisVersion, database.RedisVersion, StringComparison.Ordinal)))
        {
            return (database, null);
        }


        IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(cancellationToken).ConfigureAwait(false);
        ModuleInfo target = modules.FirstOrDefault(m => string.Equals(m.ModuleName, moduleName, StringComparison.Ordinal) && string.Equals(m.SemanticVersion, semanticVersion, StringComparison.Ordinal))
            ?? throw new ModuleNotFoundException(
                $"The cluster has no module {moduleName} {semanticVersion} to move database {Describe(database)} to (it has: {string.Join(", ", modules.Where(m => m.ModuleName == moduleName).Select(m => m.SemanticVersion))}). Upload it first.");

        DatabaseUpgradeRequest request = new()
        {
            RedisVersion = settings?.RedisVersion ?? database.RedisVersion, // by default modules only: the database stays on its Redis version
            Modules =
            [
                new DatabaseModuleUpgrade { ModuleName = moduleName, CurrentModuleUid = current.ModuleId, NewModuleUid = target.Uid, NewModuleArgs = current.ModuleArgs ?? string.Empty },
            ],
            PreserveRoles = settings?.PreserveRoles,
            MayDiscardData = settings?.MayDiscardData,
            ForceDiscard = settings?.ForceDiscard,
            ForceRestart = settings?.ForceRestart,
            KeepCrdtProtocolVersion = settings?.KeepCrdtProtocolVersion,
            ParallelShardsUpgrade = settings?.ParallelShardsUpgrade,
        };
        return (database, request);
    }

    /// <summary>The dry run, refused unless it shows exactly the asked-for version of the module.</summary>
    private static async Task<DatabaseInfo> PreviewAsync(
        IRedisEnterpriseModulesClient client, int databaseUid, DatabaseInfo database, string moduleName, string semanticVersion, DatabaseUpgradeRequest request, CancellationToken cancellationToken)
    {
        DatabaseInfo preview = await client.PreviewDatabaseUpgradeAsync(databaseUid, request, cancellationToken).ConfigureAwait(false);
        string? previewed = preview.FindModule(moduleName)?.SemanticVersion;
        if (!string.Equals(previewed, semanticVersion, StringComparison.Ordinal))
        {
            throw new DatabaseUpgradeFailedException(
                $"The preview of upgrading database {Describe(database)} shows module {moduleName} at {previewed ?? "no version (the module is gone)"}, not {semanticVersion}; nothing was started.",
                databaseUid,
                preview);
        }

        return preview;
    }

    private static string Describe(DatabaseInfo database) => $"{database.Uid.ToString(CultureInfo.InvariantCulture)} ({database.Name})";

    private static string Loaded(DatabaseInfo database) =>
        database.Modules.Count == 0 ? "no modules" : string.Join(", ", database.Modules.Select(m => $"{m.ModuleName} {m.SemanticVersion}"));
}
