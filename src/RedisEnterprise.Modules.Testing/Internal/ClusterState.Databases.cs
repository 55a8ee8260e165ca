using System.Globalization;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>The cluster's databases: which Redis version each runs and which modules it loads.</summary>
internal sealed partial class ClusterState
{
    private readonly List<FakeDatabaseState> _databases = [];

    internal IReadOnlyList<DatabaseInfo> Databases
    {
        get
        {
            lock (_lock) return _databases.Select(ToDatabaseInfo).ToArray();
        }
    }

    /// <summary>Adds a database whose modules are found by name and semantic version in the cluster's modules.</summary>
    /// <exception cref="ArgumentException">A module is not on the cluster, or the uid is taken.</exception>
    internal DatabaseInfo AddDatabase(FakeDatabase database)
    {
        lock (_lock)
        {
            int uid = database.Uid ?? (_databases.Count == 0 ? 1 : _databases.Max(d => d.Uid) + 1);
            if (uid < 1) throw new ArgumentException($"The database uid must be at least 1, not {uid}.", nameof(database));
            if (_databases.Any(d => d.Uid == uid)) throw new ArgumentException($"The cluster already has a database with uid {uid}.", nameof(database));
            var modules = new List<FakeDatabaseModule>();
            foreach (FakeDatabaseModule wanted in database.Modules)
            {
                FakeModule module = _modules.Find(m => m.ModuleName == wanted.ModuleName && m.SemanticVersion == wanted.SemanticVersion)
                    ?? throw new ArgumentException($"The cluster has no module {wanted.ModuleName} {wanted.SemanticVersion} for database '{database.Name}' to load.", nameof(database));
                modules.Add(wanted with { ModuleId = module.Uid! });
            }

            var state = new FakeDatabaseState(uid, database.Name, database.RedisVersion, modules);
            _databases.Add(state);
            return ToDatabaseInfo(state);
        }
    }

    /// <summary><c>GET /v1/bdbs</c>: every database, with only the keys of <c>?fields=</c> when it is given.</summary>
    internal FakeResponse ListDatabases(string? fields)
    {
        HashSet<string>? keys = FieldsOf(fields);
        lock (_lock)
        {
            FakeDatabaseState[] databases = [.. _databases];
            return new FakeResponse(200, WriteArray(writer =>
            {
                foreach (FakeDatabaseState database in databases) WriteDatabase(writer, database, keys);
            }));
        }
    }

    /// <summary><c>GET /v1/bdbs/{uid}</c>: one database, with only the keys of <c>?fields=</c> when it is given.</summary>
    internal FakeResponse GetDatabase(string uidText, string? fields)
    {
        HashSet<string>? keys = FieldsOf(fields);
        lock (_lock)
        {
            if (FindDatabase(uidText) is not { } database) return DatabaseNotFound(uidText);
            return new FakeResponse(200, WriteObject(writer => WriteDatabase(writer, database, keys)));
        }
    }

    /// <summary>
    /// <c>POST /v1/bdbs/{uid}/upgrade</c>: per module the database loads, the version the request names (<c>new_module</c>)
    /// or else the highest one the target Redis version allows; a move from Redis 7 or lower to 8 also adds each bundled module
    /// the database does not load yet, at the highest version the target allows (none when the cluster has no such version).
    /// Refused as a real cluster refuses (a lower Redis version <c>400</c>, no allowed version <c>400 upgrade_bdb_failed</c>, a
    /// lower module version <c>406 module_downgrade_unsupported</c>). A dry run answers the database as it would be and
    /// changes nothing; otherwise an action runs the upgrade, which changes the database when it completes.
    /// </summary>
    internal FakeResponse UpgradeDatabase(string uidText, string body, bool dryRun)
    {
        (FakeUpgradeRequest? request, FakeResponse? invalid) = FakeUpgradeRequest.Parse(body);
        if (request is null) return invalid!;
        lock (_lock)
        {
            if (FindDatabase(uidText) is not { } database) return DatabaseNotFound(uidText);
            string target = request.RedisVersion ?? database.RedisVersion;
            if (FakeVersionRules.MajorMinor(target) is null) return FakeResponse.Error(400, "invalid_schema", $"'{target}' is not a Redis version.");
            if (FakeVersionRules.CompareSemantic(target, database.RedisVersion) < 0)
            {
                // The spec quotes this refusal without an error_code, so the answer carries none.
                return FakeResponse.Described(400, $"Target version {target} is not higher than the current version {database.RedisVersion}");
            }

            if (request.Modules.FirstOrDefault(m => database.Modules.All(loaded => loaded.ModuleName != m.ModuleName)) is { } stranger)
            {
                return FakeResponse.Error(400, "missing_module", $"BDB {database.Uid} does not use module {stranger.ModuleName}.");
            }

            var modules = new List<FakeDatabaseModule>();
            foreach (FakeDatabaseModule loaded in database.Modules)
            {
                FakeUpgradeModule? named = request.Modules.FirstOrDefault(m => m.ModuleName == loaded.ModuleName);
                (FakeModule? chosen, FakeResponse? refused) = ChooseVersion(loaded, named, target);
                if (chosen is null) return refused!;
                if (FakeVersionRules.CompareSemantic(chosen.SemanticVersion, loaded.SemanticVersion) < 0)
                {
                    return FakeResponse.Error(406, "module_downgrade_unsupported", $"Module {loaded.ModuleName} cannot be downgraded from {loaded.SemanticVersion} to {chosen.SemanticVersion}.");
                }

                modules.Add(new FakeDatabaseModule(chosen.Uid!, loaded.ModuleName, chosen.SemanticVersion!, named?.NewModuleArgs ?? loaded.ModuleArgs));
            }

            if (FakeVersionRules.Major(database.RedisVersion) < 8 && FakeVersionRules.Major(target) >= 8) modules.AddRange(BundledModulesLacking(modules, target).ToArray());

            FakeDatabaseState after = database.After(target, modules);
            if (dryRun) return new FakeResponse(200, WriteObject(writer => WriteDatabase(writer, after, keys: null)));
            FakeAction action = Track(new FakeAction(
                "upgrade_bdb", $"Upgrade database {database.Name}", "bdb", database.Uid.ToString(CultureInfo.InvariantCulture), Options.PollsToComplete, TakeActionFailure(), () =>
                {
                    database.RedisVersion = target;
                    database.Modules = modules;
                }));
            return new FakeResponse(200, WriteObject(writer => WriteDatabase(writer, database, keys: null, action.Uid)));
        }
    }

    /// <summary>The module object a database moves to, or the refusal: the one named (it must fit), else the highest that fits.</summary>
    private (FakeModule? Chosen, FakeResponse? Refused) ChooseVersion(FakeDatabaseModule loaded, FakeUpgradeModule? named, string target)
    {
        if (named?.NewModule is { } uid)
        {
            FakeModule? module = Find(uid);
            if (module is null || module.ModuleName != loaded.ModuleName) return (null, FakeResponse.Error(400, "missing_module", $"There is no module {uid} of {loaded.ModuleName} on the cluster."));
            return FakeVersionRules.Allows(module, target)
                ? (module, null)
                : (null, FakeResponse.Error(400, "upgrade_bdb_failed", $"The module {loaded.ModuleName} {module.SemanticVersion} is not supported by target redis version of BDB {target}"));
        }

        return HighestAllowed(loaded.ModuleName, target) is { } highest
            ? (highest, null)
            : (null, FakeResponse.Error(400, "upgrade_bdb_failed", $"Unable to find a version of the module {loaded.ModuleName} that is supported by target redis version of BDB {target}"));
    }

    /// <summary>
    /// The bundled modules a move to Redis 8 adds to a database that does not load them: each at the highest version of that
    /// name that <paramref name="target"/> allows, skipped when the cluster has none (the fake seeds only their 7.4 versions).
    /// </summary>
    private IEnumerable<FakeDatabaseModule> BundledModulesLacking(IReadOnlyList<FakeDatabaseModule> modules, string target) =>
        from name in BundledModules.AddedByRedis8
        where modules.All(m => m.ModuleName != name)
        let module = HighestAllowed(name, target)
        where module is not null
        select new FakeDatabaseModule(module.Uid!, name, module.SemanticVersion!, ModuleArgs: string.Empty);

    /// <summary>The highest semantic version of a module that a database on <paramref name="target"/> may load.</summary>
    private FakeModule? HighestAllowed(string moduleName, string target) => _modules
        .Where(m => m.ModuleName == moduleName && FakeVersionRules.Allows(m, target))
        .OrderByDescending(m => m.SemanticVersion, Comparer<string?>.Create(FakeVersionRules.CompareSemantic))
        .FirstOrDefault();

    /// <summary>Whether a module is in use: a database loads it, or a test marked it so.</summary>
    private bool IsInUse(string? moduleUid) =>
        moduleUid is not null && (_modulesInUse.Contains(moduleUid) || _databases.Any(d => d.Uses(moduleUid)));

    private FakeDatabaseState? FindDatabase(string uidText) =>
        int.TryParse(uidText, NumberStyles.None, CultureInfo.InvariantCulture, out int uid) ? _databases.Find(d => d.Uid == uid) : null;

    private static FakeResponse DatabaseNotFound(string uid) => FakeResponse.Error(404, "db_not_exist", $"Database {uid} does not exist.");

    private static HashSet<string>? FieldsOf(string? fields) =>
        string.IsNullOrEmpty(fields) ? null : new HashSet<string>(fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    /// <summary>A database as a real cluster writes it (with a secret among the keys the SDK does not model), narrowed to <paramref name="keys"/>.</summary>
    private static void WriteDatabase(Utf8JsonWriter writer, FakeDatabaseState database, HashSet<string>? keys, string? actionUid = null)
    {
        bool Wanted(string key) => keys is null || keys.Contains(key);
        writer.WriteStartObject();
        if (Wanted("uid")) writer.WriteNumber("uid", database.Uid);
        if (Wanted("name")) writer.WriteString("name", database.Name);
        if (Wanted("type")) writer.WriteString("type", "redis");
        if (Wanted("status")) writer.WriteString("status", "active");
        if (Wanted("redis_version")) writer.WriteString("redis_version", database.RedisVersion);
        if (Wanted("version")) writer.WriteString("version", FullVersionOf(database.RedisVersion));
        if (Wanted("memory_size")) writer.WriteNumber("memory_size", 1_073_741_824);
        if (Wanted("authentication_admin_pass")) writer.WriteString("authentication_admin_pass", database.AdminPassword);
        if (Wanted("module_list"))
        {
            writer.WriteStartArray("module_list");
            foreach (FakeDatabaseModule module in database.Modules)
            {
                writer.WriteStartObject();
                writer.WriteString("module_args", module.ModuleArgs);
                writer.WriteString("module_id", module.ModuleId);
                writer.WriteString("module_name", module.ModuleName);
                writer.WriteString("semantic_version", module.SemanticVersion);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (actionUid is not null) writer.WriteString("action_uid", actionUid);
        writer.WriteEndObject();
    }

    private static string WriteObject(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The full version of a major.minor the nodes support (<c>supported_database_versions</c>), else major.minor.0.</summary>
    private static string FullVersionOf(string redisVersion) => redisVersion switch
    {
        "7.4" => "7.4.2",
        "8.0" => "8.0.2",
        _ => redisVersion + ".0",
    };

    private static DatabaseInfo ToDatabaseInfo(FakeDatabaseState database) => RedisEnterpriseModulesModelFactory.DatabaseInfo(
        uid: database.Uid,
        name: database.Name,
        status: "active",
        redisVersion: database.RedisVersion,
        version: FullVersionOf(database.RedisVersion),
        modules: database.Modules.Select(m => RedisEnterpriseModulesModelFactory.DatabaseModule(m.ModuleId, m.ModuleName, m.SemanticVersion, m.ModuleArgs)));
}
