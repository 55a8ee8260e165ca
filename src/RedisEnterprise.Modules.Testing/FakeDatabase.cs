using RedisEnterprise.Modules.Testing.Internal;

namespace RedisEnterprise.Modules.Testing;

/// <summary>
/// A database for a <see cref="FakeRedisEnterpriseCluster"/> to hold (<see cref="FakeClusterOptions.Databases"/> or
/// <see cref="FakeRedisEnterpriseCluster.AddDatabase"/>): its name, its Redis version, and the modules it loads, named by
/// module name and semantic version and found in the cluster's modules when the database is added.
/// </summary>
/// <example>
/// <code>
/// DatabaseInfo orders = cluster.AddDatabase(new FakeDatabase("orders", "7.4").WithModule("ReJSON", "2.8.4"));
/// </code>
/// </example>
public sealed class FakeDatabase
{
    private readonly List<FakeDatabaseModule> _modules = [];

    /// <summary>Describes a database.</summary>
    /// <param name="name">The database's <c>name</c>.</param>
    /// <param name="redisVersion">Its <c>redis_version</c> as major.minor (default <c>7.4</c>), which decides the module versions it may move to.</param>
    /// <exception cref="ArgumentException">The name is empty, or the version is not major.minor.</exception>
    public FakeDatabase(string name, string redisVersion = "7.4")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (FakeVersionRules.MajorMinor(redisVersion) is null) throw new ArgumentException($"'{redisVersion}' is not a Redis version such as 7.4 or 8.2.", nameof(redisVersion));
        Name = name;
        RedisVersion = redisVersion;
    }

    /// <summary>The database's <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>The database's <c>redis_version</c>, e.g. <c>7.4</c>.</summary>
    public string RedisVersion { get; }

    /// <summary>The database's <c>uid</c>; <see langword="null"/> (the default) for the next free one.</summary>
    public int? Uid { get; init; }

    internal IReadOnlyList<FakeDatabaseModule> Modules => _modules;

    /// <summary>Makes the database load a module the cluster holds.</summary>
    /// <param name="moduleName">The module's <c>module_name</c>, e.g. <c>ReJSON</c>.</param>
    /// <param name="semanticVersion">The module's <c>semantic_version</c>, e.g. <c>2.8.4</c>.</param>
    /// <param name="moduleArgs">The module's <c>module_args</c> in this database (default none).</param>
    /// <returns>This database, to chain calls.</returns>
    /// <exception cref="ArgumentException">A name or version is empty.</exception>
    public FakeDatabase WithModule(string moduleName, string semanticVersion, string moduleArgs = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(semanticVersion);
        ArgumentNullException.ThrowIfNull(moduleArgs);
        _modules.Add(new FakeDatabaseModule(ModuleId: string.Empty, moduleName, semanticVersion, moduleArgs));
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (Redis {RedisVersion}, {string.Join(", ", _modules.Select(m => $"{m.ModuleName} {m.SemanticVersion}"))})";
}
