// A module's whole life with the same calls on either line of Redis Software: detect how the cluster manages modules,
// check the package against the cluster, install with progress, a handled module_exists, ensure (which on 8.x repairs a node that lacks the package), then, on
// the simulated cluster, a database that loads it: the delete is refused naming it, a new version is installed, the move
// of the database is previewed and done, and the old version is deleted.
// With no settings it runs against an in-process simulated Redis Software 8.2 cluster of 3 nodes (module uploads off, as
// on 8.2); `--legacy` (or REDIS_ENTERPRISE_LEGACY=true) simulates 7.22 instead. Set REDIS_ENTERPRISE_ENDPOINT,
// REDIS_ENTERPRISE_USERNAME, REDIS_ENTERPRISE_PASSWORD (and optionally REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true) to use a real
// cluster: it is only read, unless you pass the path of a module package to install (and then delete).
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

bool legacy = args.Contains("--legacy") || string.Equals(Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_LEGACY"), "true", StringComparison.OrdinalIgnoreCase);
string? packageArgument = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
RedisEnterpriseModulesClientOptions? real = RedisEnterpriseModulesClientOptions.FromEnvironment();
FakeRedisEnterpriseCluster? fake = null;
var tempPackages = new List<string>();
RedisEnterpriseModulesClient client;
if (real is null)
{
    fake = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = legacy ? "7.22.2-170" : "8.2.0-25", NodeCount = 3 });
    client = fake.CreateClient();
    Console.WriteLine($"No REDIS_ENTERPRISE_ENDPOINT set: using a simulated Redis Software {(legacy ? "7.22" : "8.2")} cluster at {fake.Endpoint}");
}
else
{
    client = new RedisEnterpriseModulesClient(real);
    Console.WriteLine($"Using the cluster at {real.Endpoint}");
}

try
{
    IReadOnlyList<NodeInfo> nodes = await client.ListNodesAsync();
    ModuleManagementMode mode = await client.GetModuleManagementModeAsync();
    Console.WriteLine($"\nNodes ({nodes.Count}):");
    foreach (NodeInfo node in nodes) Console.WriteLine($"  node {node.Uid}: {node.Address}, {node.Status}, Redis Software {node.SoftwareVersion}, {node.OsName} {node.OsSemanticVersion} {node.Architecture}");
    Console.WriteLine(mode == ModuleManagementMode.UserDefined
        ? "Modules are user-defined here (8.0 and later): a configuration in the cluster, and the package on every node."
        : "Modules are uploaded to the cluster in one request here (7.x), which the cluster follows with an action.");

    ClusterInfo cluster = await client.GetClusterAsync();
    Console.WriteLine(cluster.AllowModulesUpload switch
    {
        false => "Module uploads are switched off (allow_modules_upload is false): the install below switches them on for itself (EnableModuleUploads).",
        true => "Module uploads are switched on (allow_modules_upload is true).",
        null => "This cluster has no allow_modules_upload setting (before 8.2): uploads are always allowed.",
    });

    Console.WriteLine("\nModules on the cluster:");
    foreach (ModuleInfo m in await client.ListModulesAsync()) Console.WriteLine($"  {m.ModuleName,-12} {m.SemanticVersion,-10} {m.Uid}");

    if (fake is null && packageArgument is null)
    {
        Console.WriteLine("\nNo module package given: nothing is uploaded to a real cluster. Pass the path of a module zip to install it (and delete it again).");
        return 0;
    }

    string package = packageArgument ?? QuickstartPackage("1.0.0");
    var install = new UploadModuleOptions
    {
        EnableModuleUploads = true,
        UploadProgress = new ConsoleProgress<UploadProgress>(p =>
        {
            if (p.BytesSent != p.TotalBytes) return; // one line per upload: when it has all been sent
            Console.WriteLine(p.NodeUid is { } node ? $"  node {node}: sent {p.BytesSent:N0} bytes" : $"  sent {p.BytesSent:N0} bytes to the cluster");
        }),
        ActionProgress = new ConsoleProgress<ActionInfo>(a => Console.WriteLine($"  the cluster says: {a}")),
    };

    Console.WriteLine($"\nChecking {Path.GetFileName(package)} against the cluster (GETs only):");
    ModuleCompatibilityReport check = await client.CheckModuleCompatibilityAsync(package, install);
    foreach (ModuleCompatibilityIssue issue in check.Problems.Concat(check.Warnings)) Console.WriteLine($"  {issue}");
    Console.WriteLine(check.IsCompatible
        ? $"  fits: {check.DatabasesThatCanUse.Count} database(s) could load it, {check.UpgradeCandidates.Count} could move to it"
        : "  does not fit: nothing is uploaded");
    if (!check.IsCompatible) return 1;
    install.CheckCompatibility = false; // just checked: the upload need not run the check again

    Console.WriteLine($"\nInstalling {Path.GetFileName(package)}");
    ModuleInfo module = await client.UploadModuleAsync(package, install);
    Console.WriteLine($"  installed: {module}");
    if (mode == ModuleManagementMode.UserDefined) Console.WriteLine($"  uploads switched back off: allow_modules_upload is {((await client.GetClusterAsync()).AllowModulesUpload == true ? "true" : "false")}");

    Console.WriteLine("\nInstalling the same module again:");
    try
    {
        await client.UploadModuleAsync(package, install);
    }
    catch (ModuleAlreadyExistsException e)
    {
        Console.WriteLine($"  handled {nameof(ModuleAlreadyExistsException)} ({e.ErrorCode}): the cluster already has {e.ModuleName} {e.SemanticVersion}.");
    }

    if (fake is not null && mode == ModuleManagementMode.UserDefined)
    {
        NodeInfo joined = fake.AddNode();
        Console.WriteLine($"\nA node joined: node {joined.Uid} ({joined.Address}), without the package");
    }

    Console.WriteLine("\nEnsuring the module is installed:");
    EnsureModuleResult ensured = await client.EnsureModuleInstalledAsync(package, install);
    Console.WriteLine(ensured.RepairedNodes.Count > 0
        ? $"  repaired node(s) {string.Join(", ", ensured.RepairedNodes.Select(n => n.Uid))}: each lacked the package and got it"
        : $"  already installed{(mode == ModuleManagementMode.UserDefined ? " on every node" : string.Empty)}: nothing to do");

    if (fake is not null)
    {
        // A database loads the module: the simulated cluster gets one, as a real cluster has them.
        DatabaseInfo orders = fake.AddDatabase(new FakeDatabase("orders", "7.4").WithModule(module.ModuleName!, module.SemanticVersion!, "MAX_ITEMS 100"));
        Console.WriteLine($"\nDatabases that load {module.ModuleName}:");
        foreach (DatabaseInfo database in await client.FindDatabasesUsingModuleAsync(module.ModuleName!))
        {
            Console.WriteLine($"  {database}: {database.FindModule(module.ModuleName!)}");
        }

        Console.WriteLine($"\nDeleting {module.ModuleName} {module.SemanticVersion} while a database loads it:");
        try
        {
            await client.DeleteModuleAsync(module.Uid);
        }
        catch (ModuleInUseException e)
        {
            Console.WriteLine($"  handled {nameof(ModuleInUseException)}: used by {string.Join(", ", e.Databases.Select(d => $"database {d.Uid} ({d.Name})"))}");
        }

        Console.WriteLine("\nInstalling the new version:");
        ModuleInfo next = await client.UploadModuleAsync(QuickstartPackage("1.1.0"), install);
        Console.WriteLine($"  installed: {next}");

        DatabaseModule current = orders.FindModule(module.ModuleName!)!;
        var move = new DatabaseUpgradeRequest
        {
            RedisVersion = orders.RedisVersion, // stay on this Redis version: move the module only
            Modules = [new DatabaseModuleUpgrade { ModuleName = current.ModuleName, CurrentModuleUid = current.ModuleId, NewModuleUid = next.Uid, NewModuleArgs = current.ModuleArgs }],
        };
        DatabaseInfo preview = await client.PreviewDatabaseUpgradeAsync(orders.Uid, move);
        Console.WriteLine($"Preview (dry run, nothing changes): database {orders.Uid} would load {preview.FindModule(module.ModuleName!)}");

        // The one-call form: finds the module uids and arguments itself, previews again, and refuses if the preview differs.
        DatabaseInfo upgraded = await client.UpgradeDatabaseModuleAsync(orders.Uid, next.ModuleName!, next.SemanticVersion!);
        Console.WriteLine($"Upgraded: database {upgraded.Uid} loads {upgraded.FindModule(module.ModuleName!)}");
    }

    Console.WriteLine($"\nDeleting {module.ModuleName} {module.SemanticVersion} ({module.Uid})");
    await client.DeleteModuleAsync(module.Uid);
    bool gone = !(await client.ListModulesAsync()).Any(m => m.Uid == module.Uid);
    if (fake is not null && mode == ModuleManagementMode.UserDefined) gone &= fake.Nodes.All(n => fake.NodeArtifacts(n.Uid).All(a => a.Version != module.Version));
    Console.WriteLine(!gone ? "  still there!" : mode == ModuleManagementMode.UserDefined ? "  deleted: the configuration, and the package from every node." : "  deleted.");
    return gone ? 0 : 1;
}
catch (RedisEnterpriseException e)
{
    Console.Error.WriteLine($"Failed: {e.Message}");
    return 1;
}
finally
{
    client.Dispose();
    if (fake is not null) await fake.DisposeAsync();
    foreach (string tempPackage in tempPackages) Directory.Delete(Path.GetDirectoryName(tempPackage)!, recursive: true);
}

// A package for the simulated cluster, for databases on Redis 7.4, in a temporary folder of its own deleted at the end.
string QuickstartPackage(string version)
{
    string path = new ModulePackageBuilder("quickstart", version)
        .WithPayloadSize(2 * 1024 * 1024)
        .WithModuleJsonProperty("compatible_redis_version", System.Text.Json.Nodes.JsonValue.Create("7.4"))
        .WriteToTempFile();
    tempPackages.Add(path);
    return path;
}

internal sealed class ConsoleProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
