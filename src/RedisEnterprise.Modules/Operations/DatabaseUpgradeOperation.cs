namespace RedisEnterprise.Modules;

/// <summary>
/// A database upgrade followed to its end: the action, and the database as the cluster has it once the action completes.
/// Returned by <see cref="IRedisEnterpriseModulesClient.StartUpgradeDatabaseAsync"/> and
/// <see cref="IRedisEnterpriseModulesClient.StartUpgradeDatabaseModuleAsync(int, string, string, CancellationToken)"/>, or made from stored uids to resume.
/// </summary>
/// <example>
/// <code>
/// DatabaseUpgradeOperation upgrade = await client.StartUpgradeDatabaseModuleAsync(3, "ReJSON", "2.8.4");
/// File.WriteAllText("pending-upgrade", $"{upgrade.ActionUid} {upgrade.DatabaseUid}"); // resume later with:
/// var resumed = new DatabaseUpgradeOperation(client, actionUid, databaseUid: 3);
/// DatabaseInfo upgraded = await resumed.WaitForDatabaseAsync();
/// </code>
/// </example>
public class DatabaseUpgradeOperation : ActionOperation
{
    /// <summary>Follows an existing upgrade: resume from a stored action uid and database uid.</summary>
    /// <param name="client">The client of the cluster.</param>
    /// <param name="actionUid">The upgrade's action uid.</param>
    /// <param name="databaseUid">The database being upgraded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="actionUid"/> is null, empty or whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="databaseUid"/> is less than 1.</exception>
    public DatabaseUpgradeOperation(IRedisEnterpriseModulesClient client, string actionUid, int databaseUid)
        : base(client, actionUid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(databaseUid, 1);
        DatabaseUid = databaseUid;
    }

    /// <summary>The upgrade the cluster accepted for <paramref name="databaseUid"/>, the uid asked about (the answer's own may be missing).</summary>
    internal DatabaseUpgradeOperation(IRedisEnterpriseModulesClient client, int databaseUid, DatabaseInfo accepted)
        : this(client, accepted.ActionUid!, databaseUid)
    {
        AcceptedDatabase = accepted;
    }

    /// <summary>An upgrade with nothing to do (the database already loads the version asked for): it has completed, without an action.</summary>
    private DatabaseUpgradeOperation(IRedisEnterpriseModulesClient client, int databaseUid, DatabaseInfo unchanged, ActionInfo completed)
        : base(client, completed)
    {
        DatabaseUid = databaseUid;
        AcceptedDatabase = unchanged;
    }

    /// <summary>For mocking.</summary>
    protected DatabaseUpgradeOperation()
    {
    }

    /// <summary>The operation of an upgrade that had nothing to do: <see cref="ActionOperation.ActionUid"/> is empty and waiting returns at once.</summary>
    internal static DatabaseUpgradeOperation Unchanged(IRedisEnterpriseModulesClient client, int databaseUid, DatabaseInfo database) =>
        new(client, databaseUid, database, CompletedWithoutAction("upgrade_bdb"));

    /// <summary>The database being upgraded.</summary>
    public virtual int DatabaseUid { get; }

    /// <summary>
    /// The database as the upgrade's POST answered it (or, when there was nothing to do, as it is); <see langword="null"/>
    /// when resumed from uids.
    /// </summary>
    public virtual DatabaseInfo? AcceptedDatabase { get; }

    /// <summary>Polls until the upgrade ends, then gets the database as the cluster has it (<c>GET /v1/bdbs/{uid}</c>).</summary>
    /// <param name="cancellationToken">Stops waiting at once; the upgrade goes on in the cluster.</param>
    /// <returns>The database after the upgrade.</returns>
    /// <exception cref="ActionFailedException">The upgrade's action ended failed, cancelled or aborted.</exception>
    /// <exception cref="TimeoutException">The client's operation timeout passed.</exception>
    public virtual async Task<DatabaseInfo> WaitForDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        return await Client.GetDatabaseAsync(DatabaseUid, cancellationToken).ConfigureAwait(false);
    }
}
