using System.Globalization;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// Moves one database to one version of one module, the common upgrade in one call: the request is built from what the
/// cluster says (the database's module and arguments, its Redis version, the target module's uid), previewed, and started
/// only when the preview shows exactly that version for that module.
/// </summary>
internal static class DatabaseModuleUpgradeWorkflow
{
    internal static async Task<DatabaseUpgradeOperation> StartAsync(IRedisEnterpriseModulesClient client, int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken)
    {
        DatabaseInfo database = await client.GetDatabaseAsync(databaseUid, cancellationToken).ConfigureAwait(false);
        DatabaseModule current = database.FindModule(moduleName) ?? throw new ArgumentException(
            $"Database {Describe(database)} does not load module '{moduleName}' (it loads: {Loaded(database)}); there is nothing to upgrade.",
            nameof(moduleName));
        if (string.Equals(current.SemanticVersion, semanticVersion, StringComparison.Ordinal)) return DatabaseUpgradeOperation.Unchanged(client, databaseUid, database);

        IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(cancellationToken).ConfigureAwait(false);
        ModuleInfo target = modules.FirstOrDefault(m => string.Equals(m.ModuleName, moduleName, StringComparison.Ordinal) && string.Equals(m.SemanticVersion, semanticVersion, StringComparison.Ordinal))
            ?? throw new ModuleNotFoundException(
                $"The cluster has no module {moduleName} {semanticVersion} to move database {Describe(database)} to (it has: {string.Join(", ", modules.Where(m => m.ModuleName == moduleName).Select(m => m.SemanticVersion))}). Upload it first.");

        DatabaseUpgradeRequest request = new()
        {
            RedisVersion = database.RedisVersion, // modules only: the database stays on its Redis version
            Modules =
            [
                new DatabaseModuleUpgrade { ModuleName = moduleName, CurrentModuleUid = current.ModuleId, NewModuleUid = target.Uid, NewModuleArgs = current.ModuleArgs ?? string.Empty },
            ],
        };

        DatabaseInfo preview = await client.PreviewDatabaseUpgradeAsync(databaseUid, request, cancellationToken).ConfigureAwait(false);
        string? previewed = preview.FindModule(moduleName)?.SemanticVersion;
        if (!string.Equals(previewed, semanticVersion, StringComparison.Ordinal))
        {
            throw new DatabaseUpgradeFailedException(
                $"The preview of upgrading database {Describe(database)} shows module {moduleName} at {previewed ?? "no version (the module is gone)"}, not {semanticVersion}; nothing was started.",
                databaseUid,
                preview);
        }

        return await client.StartUpgradeDatabaseAsync(databaseUid, request, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(DatabaseInfo database) => $"{database.Uid.ToString(CultureInfo.InvariantCulture)} ({database.Name})";

    private static string Loaded(DatabaseInfo database) =>
        database.Modules.Count == 0 ? "no modules" : string.Join(", ", database.Modules.Select(m => $"{m.ModuleName} {m.SemanticVersion}"));
}
