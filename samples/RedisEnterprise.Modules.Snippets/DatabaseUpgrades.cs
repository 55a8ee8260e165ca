
namespace RedisEnterprise.Modules.Snippets;

/// <summary>Moving the databases that load a module to one of its versions, each previewed first.</summary>
public static class DatabaseUpgrades
{
    public static async Task<List<string>> MoveDatabasesAsync(IRedisEnterpriseModulesClient client, string moduleName, string semanticVersion, CancellationToken cancellationToken)
    {
        var report = new List<string>();
        #region database-upgrade
        foreach (DatabaseInfo database in await client.FindDatabasesUsingModuleAsync(moduleName, cancellationToken))
        {
            string? from = database.FindModule(moduleName)!.SemanticVersion;
            try
            {
                // Keeps the module's arguments and the database's Redis version; previews first, and starts only when the
                // preview shows exactly this version. A database already on it needs nothing.
                DatabaseInfo moved = await client.UpgradeDatabaseModuleAsync(database.Uid, moduleName, semanticVersion, cancellationToken);
                report.Add($"database {database.Uid} ({database.Name}): {from} -> {moved.FindModule(moduleName)!.SemanticVersion}");
            }
            catch (RedisEnterpriseException e) when (e is DatabaseUpgradeFailedException or ModuleDowngradeNotSupportedException)
            {
                report.Add($"database {database.Uid} ({database.Name}) stays on {from}: {e.ErrorCode ?? "the preview differs"}");
            }
        }
        #endregion
        return report;
    }
}
