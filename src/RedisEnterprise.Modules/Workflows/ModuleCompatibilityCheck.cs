using System.Globalization;
using Codes = RedisEnterprise.Modules.ModuleCompatibilityIssueCodes;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// The rules of the compatibility check, as one pure function: the package and what the cluster answered in, the report out.
/// The client only gathers the inputs (<see cref="RedisEnterpriseModulesClient.CheckModuleCompatibilityAsync(string, UploadModuleOptions?, CancellationToken)"/>).
/// </summary>
internal static class ModuleCompatibilityCheck
{
    /// <summary>The largest package the cluster itself takes (its <c>MAX_MODULE_SIZE_BYTES</c>): a warning, not a problem, as the limit is not documented per version.</summary>
    internal const long ClusterMaxPackageBytes = 500L * 1024 * 1024;

    internal static ModuleCompatibilityReport Evaluate(ModuleCompatibilityInputs inputs)
    {
        var problems = new List<ModuleCompatibilityIssue>();
        var warnings = new List<ModuleCompatibilityIssue>();
        problems.AddRange(inputs.PackageProblems.Select(p => new ModuleCompatibilityIssue(p.Code, p.EntryName is null ? p.Message : $"{p.Message} (entry {p.EntryName})")));
        warnings.AddRange(inputs.ReadFailures.Select(why => new ModuleCompatibilityIssue(Codes.NotChecked, why)));

        ModulePackageMetadata? package = inputs.Package; // null: only the cluster's own checks can run
        if (inputs.Nodes is { } nodes)
        {
            if (package is not null) CheckNodes(package, nodes, problems, warnings);
            CheckMixedVersions(nodes, warnings);
        }

        if (inputs.Cluster is { } cluster) CheckCluster(cluster, inputs, problems, warnings);
        else if (inputs.PackageLength > ClusterMaxPackageBytes) warnings.Add(TooLarge(inputs.PackageLength));

        ModuleInfo? installed = package is null || inputs.Modules is null ? null : FindSameVersion(inputs.Modules, package);
        if (installed is not null)
        {
            warnings.Add(new(Codes.AlreadyInstalled, $"The cluster already has {package} as module {installed.Uid}: uploading it again answers {RedisEnterpriseErrorCodes.ModuleExists} (EnsureModuleInstalledAsync finds it instead)."));
        }

        List<DatabaseInfo> canUse = [], candidates = [];
        if (package is not null && inputs.Databases is { } databases) CheckDatabases(package, databases, canUse, candidates, warnings);

        return new ModuleCompatibilityReport(inputs.FileName, inputs.Package, problems, warnings, installed, canUse, candidates);
    }

    /// <summary>The cluster's module that is the package's version: the same <c>module_name</c> and <c>semantic_version</c> (or, without one, <c>version</c>).</summary>
    internal static ModuleInfo? FindSameVersion(IEnumerable<ModuleInfo> modules, ModulePackageMetadata package) =>
        modules.FirstOrDefault(module =>
            string.Equals(module.ModuleName, package.ModuleName, StringComparison.Ordinal) &&
            (package.SemanticVersion is not null
                ? string.Equals(module.SemanticVersion, package.SemanticVersion, StringComparison.Ordinal)
                : package.Version is not null && module.Version == package.Version));

    /// <summary>Whether a package of <paramref name="length"/> bytes is above the cluster's <c>module_upload_max_size_mb</c>.</summary>
    internal static bool IsAboveUploadLimit(long length, ClusterInfo cluster) =>
        cluster.ModuleUploadMaxSizeMb is { } limitMb && length > limitMb * 1024 * 1024;

    /// <summary>
    /// The operating system name a package would give a node: <c>os_name</c> and the major part of <c>os_semantic_version</c>
    /// (<c>rhel</c> 9.4 is <c>rhel9</c>, <c>ubuntu</c> 22.04 is <c>ubuntu22</c>); <see langword="null"/> when the node does not say.
    /// </summary>
    internal static string? NodeOsName(NodeInfo node)
    {
        if (string.IsNullOrWhiteSpace(node.OsName) || string.IsNullOrWhiteSpace(node.OsSemanticVersion)) return null;
        return node.OsName.Trim() + MajorPart(node.OsSemanticVersion.Trim());
    }

    /// <summary>
    /// Whether a package's operating system (<c>rhel9</c>, <c>ubuntu22.04</c>, <c>ubuntu22</c>) fits a node's
    /// (<see cref="NodeOsName"/>): the same name and major version, whatever the package says of the minor one.
    /// </summary>
    internal static bool OsFits(string packageOs, string nodeOs) =>
        string.Equals(MajorPart(packageOs.Trim()), nodeOs, StringComparison.OrdinalIgnoreCase);

    private static void CheckNodes(ModulePackageMetadata package, IReadOnlyList<NodeInfo> nodes, List<ModuleCompatibilityIssue> problems, List<ModuleCompatibilityIssue> warnings)
    {
        IReadOnlyList<string> systems = package.SupportedOperatingSystems; // none named (older packers: os "Linux"): any Linux node
        string? architecture = string.IsNullOrWhiteSpace(package.Architecture) ? null : package.Architecture.Trim();
        Version? minimum = ReleaseVersion.Parse(package.MinRedisPackVersion);
        foreach (NodeInfo node in nodes)
        {
            string uid = node.Uid.ToString(CultureInfo.InvariantCulture);
            var unknown = new List<string>();
            if (systems.Count > 0)
            {
                if (NodeOsName(node) is not { } nodeOs) unknown.Add("operating system (os_name, os_semantic_version)");
                else if (!systems.Any(os => OsFits(os, nodeOs)))
                {
                    problems.Add(new(Codes.OsNotSupported, $"Node {uid} runs {node.OsVersion ?? nodeOs} ({nodeOs}); the package supports {string.Join(", ", systems)}.", NodeUid: node.Uid));
                }
            }

            if (architecture is not null)
            {
                if (string.IsNullOrWhiteSpace(node.Architecture)) unknown.Add("architecture");
                else if (!string.Equals(node.Architecture.Trim(), architecture, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new(Codes.ArchitectureMismatch, $"Node {uid} is {node.Architecture}; the package is built for {architecture}.", NodeUid: node.Uid));
                }
            }

            if (minimum is not null)
            {
                if (ReleaseVersion.Parse(node.SoftwareVersion) is not { } running) unknown.Add("Redis Software version (software_version)");
                else if (running < minimum)
                {
                    problems.Add(new(Codes.ClusterVersionTooOld, $"Node {uid} runs Redis Software {node.SoftwareVersion}, older than the {package.MinRedisPackVersion} the module needs (min_redis_pack_version).", NodeUid: node.Uid));
                }
            }

            if (unknown.Count > 0)
            {
                warnings.Add(new(Codes.NodePlatformUnknown, $"Node {uid} does not report its {string.Join(" or ", unknown)}, so the package was not checked against it.", NodeUid: node.Uid));
            }
        }
    }

    /// <summary>
    /// The databases the rule lets load the package; among them, those that load an older version of the module (upgrade
    /// candidates). A database on an older version that may not move to this one is a warning naming it.
    /// </summary>
    private static void CheckDatabases(ModulePackageMetadata package, IReadOnlyList<DatabaseInfo> databases, List<DatabaseInfo> canUse, List<DatabaseInfo> candidates, List<ModuleCompatibilityIssue> warnings)
    {
        Version? packageVersion = ReleaseVersion.Parse(package.SemanticVersion);
        foreach (DatabaseInfo database in databases)
        {
            bool allowed = ModuleRedisVersionRule.Allows(package, database.RedisVersion);
            if (allowed) canUse.Add(database);
            if (package.ModuleName is not { } name || database.FindModule(name) is not { } loaded) continue;
            if (packageVersion is null || ReleaseVersion.Parse(loaded.SemanticVersion) is not { } loadedVersion || loadedVersion >= packageVersion) continue;
            if (allowed)
            {
                candidates.Add(database);
            }
            else
            {
                warnings.Add(new(
                    Codes.UpgradeNotAllowed,
                    $"Database {database.Uid.ToString(CultureInfo.InvariantCulture)} ({database.Name}, Redis {database.RedisVersion ?? "?"}) loads {name} {loaded.SemanticVersion} but cannot move to {package.SemanticVersion}: the package fits {ModuleRedisVersionRule.Describe(package)}.",
                    DatabaseUid: database.Uid));
            }
        }

        if (databases.Count > 0 && canUse.Count == 0)
        {
            string versions = string.Join(", ", databases.Select(d => d.RedisVersion ?? "?").Distinct(StringComparer.Ordinal));
            warnings.Add(new(Codes.NoCompatibleDatabase, $"No database of this cluster can load {package}: it fits {ModuleRedisVersionRule.Describe(package)}, and the databases run Redis {versions}."));
        }
    }

    private static void CheckMixedVersions(IReadOnlyList<NodeInfo> nodes, List<ModuleCompatibilityIssue> warnings)
    {
        List<IGrouping<string, NodeInfo>> versions = nodes.Where(n => !string.IsNullOrWhiteSpace(n.SoftwareVersion)).GroupBy(n => n.SoftwareVersion!.Trim(), StringComparer.Ordinal).ToList();
        if (versions.Count < 2) return;
        string each = string.Join(", ", versions.Select(v => $"{v.Key} on node(s) {string.Join(", ", v.Select(n => n.Uid.ToString(CultureInfo.InvariantCulture)))}"));
        warnings.Add(new(Codes.MixedNodeVersions, $"The nodes run different Redis Software versions ({each}): the lowest decides what the cluster accepts, and a node upgraded later needs the package too."));
    }

    private static void CheckCluster(ClusterInfo cluster, ModuleCompatibilityInputs inputs, List<ModuleCompatibilityIssue> problems, List<ModuleCompatibilityIssue> warnings)
    {
        if (cluster.AllowModulesUpload == false)
        {
            if (inputs.EnableModuleUploads)
            {
                warnings.Add(new(Codes.ModulesUploadDisabled, "Module uploads are switched off on this cluster (allow_modules_upload is false); the upload switches them on for itself and off again afterwards (EnableModuleUploads)."));
            }
            else
            {
                problems.Add(new(Codes.ModulesUploadDisabled, ModuleUploadDisabledException.HowToEnable));
            }
        }

        if (inputs.PackageLength > ClusterMaxPackageBytes)
        {
            warnings.Add(TooLarge(inputs.PackageLength));
        }
        else if (IsAboveUploadLimit(inputs.PackageLength, cluster))
        {
            warnings.Add(new(Codes.LargerThanUploadLimit, $"The package is {Megabytes(inputs.PackageLength)} MB, above the cluster's module_upload_max_size_mb ({cluster.ModuleUploadMaxSizeMb!.Value.ToString(CultureInfo.InvariantCulture)} MB), which bounds uploads through the web UI at least; the SDK uploads it anyway."));
        }
    }

    private static ModuleCompatibilityIssue TooLarge(long length) =>
        new(Codes.PackageTooLarge, $"The package is {Megabytes(length)} MB; the cluster is known to take at most {ClusterMaxPackageBytes / (1024 * 1024)} MB.");

    private static string Megabytes(long length) => (length / (1024d * 1024d)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string MajorPart(string version)
    {
        int dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }
}
