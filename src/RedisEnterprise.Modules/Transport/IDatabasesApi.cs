using Refit;

namespace RedisEnterprise.Modules.Transport;

/// <summary>The database endpoints module management reads and the upgrade it starts, declared for Refit's source generator.</summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IDatabasesApi
{
    /// <summary>
    /// The keys <see cref="DatabaseInfo"/> models, sent as <c>?fields=</c> on every read: only these travel, never the
    /// database's passwords or certificates.
    /// </summary>
    const string Fields = "uid,name,status,redis_version,version,module_list";

    /// <summary><c>GET /v1/bdbs?fields=…</c>: every database.</summary>
    [Get(Routes.Databases)]
    Task<HttpResponseMessage> ListDatabasesAsync([AliasAs("fields")] string fields, CancellationToken cancellationToken);

    /// <summary><c>GET /v1/bdbs/{uid}?fields=…</c>: one database; 404 when it does not exist.</summary>
    [Get(Routes.Database)]
    Task<HttpResponseMessage> GetDatabaseAsync(int uid, [AliasAs("fields")] string fields, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /v1/bdbs/{uid}/upgrade</c>, with <c>?dry_run=true</c> for a preview (<paramref name="dryRun"/> <c>"true"</c>;
    /// <see langword="null"/> sends no query): the database as it is, or would be, after the upgrade, with the <c>action_uid</c> to follow.
    /// </summary>
    [Post(Routes.DatabaseUpgrade)]
    Task<HttpResponseMessage> UpgradeDatabaseAsync(int uid, [Body(buffered: true)] DatabaseUpgradeRequest request, [AliasAs("dry_run")] string? dryRun, CancellationToken cancellationToken);
}
