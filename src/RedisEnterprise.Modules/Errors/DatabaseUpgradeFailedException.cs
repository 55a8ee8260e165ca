using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>
/// The database upgrade cannot do what was asked: the cluster refused it (<c>upgrade_bdb_failed</c>, e.g. no version of a
/// module fits the target Redis version, or <c>redis_upgrade_policy_mismatch</c>; <see cref="RedisEnterpriseException.ServerMessage"/>
/// is the cluster's reason), or its preview did not show the module version that was asked for (<see cref="Preview"/>,
/// status 0: nothing was started).
/// </summary>
public class DatabaseUpgradeFailedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking, and for the preview's refusal).</summary>
    /// <param name="message">The message.</param>
    /// <param name="databaseUid">The database that was to be upgraded.</param>
    /// <param name="preview">The database as the preview showed it, when a preview refused the upgrade.</param>
    /// <param name="status">The HTTP status of the cluster's refusal; 0 when the SDK refused after a preview.</param>
    /// <param name="errorCode">The cluster's <c>error_code</c>, if any.</param>
    public DatabaseUpgradeFailedException(string message, int? databaseUid = null, DatabaseInfo? preview = null, int status = 0, string? errorCode = null)
        : base(message, status, errorCode)
    {
        DatabaseUid = databaseUid;
        Preview = preview;
    }

    internal DatabaseUpgradeFailedException(ErrorDetails details, int? databaseUid)
        : base(details, "The cluster refused the database upgrade; nothing changed.") => DatabaseUid = databaseUid;

    /// <summary>The database that was to be upgraded, when known.</summary>
    public int? DatabaseUid { get; }

    /// <summary>The database as the upgrade's preview (<c>?dry_run=true</c>) showed it, when the SDK refused after a preview.</summary>
    public DatabaseInfo? Preview { get; }
}
