namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Endpoint metadata for a route that changes the cluster: only the admin may call it, and Redis Software 8 has
/// removed it when <paramref name="RemovedInRedisSoftware8"/> (the cluster-wide module upload and delete).
/// </summary>
internal sealed record RouteRules(bool RemovedInRedisSoftware8);
