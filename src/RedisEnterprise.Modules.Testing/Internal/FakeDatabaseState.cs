namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A database as the cluster keeps it: its uid, name, Redis version and the modules it loads now.</summary>
internal sealed class FakeDatabaseState(int uid, string name, string redisVersion, IReadOnlyList<FakeDatabaseModule> modules, string? adminPassword = null)
{
    internal int Uid { get; } = uid;

    internal string Name { get; } = name;

    internal string RedisVersion { get; set; } = redisVersion;

    internal IReadOnlyList<FakeDatabaseModule> Modules { get; set; } = modules;

    /// <summary>A secret the real answer carries unless <c>?fields=</c> leaves it out; clients should never read it.</summary>
    internal string AdminPassword { get; } = adminPassword ?? Guid.NewGuid().ToString("N");

    internal bool Uses(string moduleUid) => Modules.Any(m => m.ModuleId == moduleUid);

    /// <summary>The database as an upgrade would leave it, for a preview's answer; this one does not change.</summary>
    internal FakeDatabaseState After(string redisVersion, IReadOnlyList<FakeDatabaseModule> modules) => new(Uid, Name, redisVersion, modules, AdminPassword);
}
