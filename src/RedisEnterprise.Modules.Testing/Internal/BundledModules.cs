using System.Security.Cryptography;
using System.Text;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>The modules a fresh cluster ships with, as GET /v1/modules shows them.</summary>
internal static class BundledModules
{
    private static readonly string[] Capabilities = ["types", "crdb", "failover_migrate", "persistence_aof", "persistence_rdb", "clustering", "backup_restore", "eviction_expiry", "hash_policy", "intershard_tls", "ipv6", "replica_of", "reshard_rebalance"];

    /// <summary>The modules a database gains when an upgrade moves it to Redis 8, in the order its <c>module_list</c> gets them.</summary>
    internal static readonly IReadOnlyList<string> AddedByRedis8 = ["search", "timeseries", "bf", "ReJSON"];

    internal static IEnumerable<FakeModule> Create()
    {
        yield return Bundled("bf", "RedisBloom", "2.8.2", "Probabilistic data structures for Redis", "BF.CONFIG", withPlatforms: false);
        yield return Bundled("search", "RediSearch 2", "2.10.5", "High performance search index on top of Redis", "FT.CONFIG", withPlatforms: true);
        yield return Bundled("ReJSON", "RedisJSON", "2.8.4", "Native JSON data type for Redis", "JSON.CONFIG", withPlatforms: false);
        yield return Bundled("timeseries", "RedisTimeSeries", "1.12.2", "Time series data structure for Redis", "TS.CONFIG", withPlatforms: false);
    }

    /// <summary>A stable uid for a bundled module: the same on every fake cluster, 32 hex characters like a real one.</summary>
    internal static string UidFor(string moduleName, string semanticVersion) =>
        Hex.Lower(SHA256.HashData(Encoding.UTF8.GetBytes(moduleName + ":" + semanticVersion)).AsSpan(0, 16));

    private static FakeModule Bundled(string name, string displayName, string semanticVersion, string description, string configCommand, bool withPlatforms)
    {
        string sha256 = Hex.Lower(SHA256.HashData(Encoding.UTF8.GetBytes(name + semanticVersion)));
        return new FakeModule
        {
            Uid = UidFor(name, semanticVersion),
            ModuleName = name,
            DisplayName = displayName,
            SemanticVersion = semanticVersion,
            Version = ModulePackageBuilder.VersionOf(semanticVersion),
            Author = "RedisLabs",
            Email = "redismodules@redislabs.com",
            Description = description,
            Homepage = "http://redis.io",
            License = "Redis Source Available License 2.0 (RSALv2) or the Server Side Public License v1 (SSPLv1)",
            CommandLineArgs = string.Empty,
            ConfigCommand = configCommand,
            Capabilities = Capabilities,
            MinRedisVersion = "7.2",
            MinRedisPackVersion = "7.4.2",
            CompatibleRedisVersion = "7.4",
            IsBundled = true,
            Crdb = new FakeModuleCrdb(),
            Dependencies = new Dictionary<string, FakeModuleDependency>(),
            Platforms = withPlatforms
                ? new Dictionary<string, FakeModulePlatform>
                {
                    ["rhel9/x86_64"] = new() { Dependencies = new Dictionary<string, FakeModuleDependency>(), Sha256 = sha256 },
                    ["ubuntu22.04/x86_64"] = new() { Dependencies = new Dictionary<string, FakeModuleDependency>(), Sha256 = sha256 },
                }
                : null,
        };
    }
}
