using System.Globalization;
using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// What <c>POST /v1/bdbs/{uid}/upgrade</c> asks of the cluster: the Redis version to run and the modules to move. Every
/// property is optional and only the ones that are set are sent; an empty request moves the database to the cluster's
/// latest Redis version with the highest module versions that version allows.
/// </summary>
/// <example>
/// <code>
/// var request = new DatabaseUpgradeRequest
/// {
///     RedisVersion = database.RedisVersion, // stay on this Redis version: move modules only
///     Modules = [new DatabaseModuleUpgrade { ModuleName = "ReJSON", CurrentModuleUid = current.ModuleId, NewModuleUid = target.Uid }],
/// };
/// DatabaseInfo preview = await client.PreviewDatabaseUpgradeAsync(database.Uid, request);
/// </code>
/// </example>
public sealed class DatabaseUpgradeRequest
{
    /// <summary>The Redis version to run (<c>redis_version</c>), e.g. <c>8.2</c>; the database's current one moves modules only.</summary>
    [JsonPropertyName("redis_version")]
    public string? RedisVersion { get; set; }

    /// <summary>The modules to move (<c>modules</c>); <see langword="null"/> lets the cluster pick for every module the database loads.</summary>
    [JsonPropertyName("modules")]
    public IList<DatabaseModuleUpgrade>? Modules { get; set; }

    /// <summary>Restore the master and replica placement afterwards, at the cost of one more failover (<c>preserve_roles</c>).</summary>
    [JsonPropertyName("preserve_roles")]
    public bool? PreserveRoles { get; set; }

    /// <summary>Allow losing the data of a database that is neither replicated nor persistent (<c>may_discard_data</c>).</summary>
    [JsonPropertyName("may_discard_data")]
    public bool? MayDiscardData { get; set; }

    /// <summary>Discard the data even of a replicated or persistent database (<c>force_discard</c>).</summary>
    [JsonPropertyName("force_discard")]
    public bool? ForceDiscard { get; set; }

    /// <summary>Restart the shards even when no version changes (<c>force_restart</c>).</summary>
    [JsonPropertyName("force_restart")]
    public bool? ForceRestart { get; set; }

    /// <summary>Keep the Active-Active protocol version (<c>keep_crdt_protocol_version</c>).</summary>
    [JsonPropertyName("keep_crdt_protocol_version")]
    public bool? KeepCrdtProtocolVersion { get; set; }

    /// <summary>Upgrade at most this many shards at once (<c>parallel_shards_upgrade</c>, 1 or more; default all).</summary>
    [JsonPropertyName("parallel_shards_upgrade")]
    public int? ParallelShardsUpgrade { get; set; }

    /// <summary>Checks the request before it is sent.</summary>
    /// <exception cref="ArgumentException">A property is set to something the cluster cannot take; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        if (RedisVersion is not null && string.IsNullOrWhiteSpace(RedisVersion))
        {
            throw new ArgumentException($"{nameof(RedisVersion)} must be a version such as 8.2, or null to let the cluster choose.", parameterName);
        }

        if (ParallelShardsUpgrade is < 1)
        {
            throw new ArgumentException($"{nameof(ParallelShardsUpgrade)} must be at least 1, not {ParallelShardsUpgrade.Value.ToString(CultureInfo.InvariantCulture)}.", parameterName);
        }

        for (int i = 0; i < (Modules?.Count ?? 0); i++)
        {
            string item = $"{nameof(Modules)}[{i.ToString(CultureInfo.InvariantCulture)}]";
            DatabaseModuleUpgrade module = Modules![i] ?? throw new ArgumentException($"{item} is null.", parameterName);
            if (string.IsNullOrWhiteSpace(module.ModuleName)) throw new ArgumentException($"{item}.{nameof(DatabaseModuleUpgrade.ModuleName)} is required.", parameterName);
            if (module.CurrentModuleUid is not null && !UidRules.IsUsable(module.CurrentModuleUid))
            {
                throw new ArgumentException($"{item}.{nameof(DatabaseModuleUpgrade.CurrentModuleUid)} must be a module uid, or null.", parameterName);
            }

            if (module.NewModuleUid is not null && !UidRules.IsUsable(module.NewModuleUid))
            {
                throw new ArgumentException($"{item}.{nameof(DatabaseModuleUpgrade.NewModuleUid)} must be a module uid, or null.", parameterName);
            }
        }
    }
}
