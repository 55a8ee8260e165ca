namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Endpoint metadata for a route whose presence depends on the version, or that changes the cluster: only the admin may
/// call a change (<paramref name="ReadsOnly"/> false); Redis Software 8 has removed it when <paramref name="RemovedInRedisSoftware8"/>
/// (the cluster-wide module upload and delete), and only 8 has it when <paramref name="AddedInRedisSoftware8"/> (user-defined modules).
/// </summary>
internal sealed record RouteRules(bool RemovedInRedisSoftware8, bool AddedInRedisSoftware8 = false, bool ReadsOnly = false);
