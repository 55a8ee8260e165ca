using RedisEnterprise.Modules.Workflows;
using Codes = RedisEnterprise.Modules.ModuleCompatibilityIssueCodes;
using F = RedisEnterprise.Modules.RedisEnterpriseModulesModelFactory;

namespace RedisEnterprise.Modules.Tests.Workflows;

/// <summary>The rules of the compatibility check, one row per rule: a healthy cluster and package, changed in one way each.</summary>
public class ModuleCompatibilityCheckTests
{
    private const long MiB = 1024 * 1024;

    private static NodeInfo Node(int uid, string version = "8.2.0-25", string? osName = "rhel", string? osVersion = "9.4", string? architecture = "x86_64") =>
        F.NodeInfo(uid: uid, status: "active", softwareVersion: version, osName: osName, osSemanticVersion: osVersion, architecture: architecture);

    private static ModulePackageMetadata Package(string[]? osList = null, string[]? operatingSystems = null, string? architecture = "x86_64", string? minPack = "6.0.0", string? minRedis = "7.4.0", string? compatibleRedis = null) =>
        F.ModulePackageMetadata(moduleName: "gears", semanticVersion: "1.2.3", version: 10203, architecture: architecture, os: "Linux", osList: osList ?? ["rhel9", "ubuntu18.04"], operatingSystems: operatingSystems, minRedisPackVersion: minPack, minRedisVersion: minRedis, compatibleRedisVersion: compatibleRedis);

    private static DatabaseInfo Database(int uid, string redisVersion, string? gears = null) =>
        F.DatabaseInfo(uid: uid, name: $"db{uid}", status: "active", redisVersion: redisVersion, modules: gears is null ? [] : [F.DatabaseModule(moduleId: "g0", moduleName: "gears", semanticVersion: gears)]);

    private static ModuleCompatibilityInputs Healthy() => new()
    {
        FileName = "gears.Linux-rhel9-x86_64.1.2.3.zip",
        Package = Package(),
        PackageLength = 2 * MiB,
        Nodes = [Node(1), Node(2), Node(3)],
        Cluster = F.ClusterInfo(moduleUploadMaxSizeMb: 40, allowModulesUpload: true),
        Modules = [F.ModuleInfo(uid: "bf1", moduleName: "bf", semanticVersion: "8.0.2")],
        Databases = [Database(1, "7.4")],
    };

    private static readonly Dictionary<string, (Func<ModuleCompatibilityInputs> Inputs, string[] Problems, string[] Warnings)> Rules = new()
    {
        ["a healthy package and cluster"] = (Healthy, [], []),
        ["os_list without the nodes' OS"] = (() => Healthy() with { Package = Package(osList: ["ubuntu22.04"]) }, [Codes.OsNotSupported, Codes.OsNotSupported, Codes.OsNotSupported], []),
        ["operating_systems (newer packers) without the nodes' OS"] = (() => Healthy() with { Package = Package(osList: [], operatingSystems: ["ubuntu22"]) }, [Codes.OsNotSupported, Codes.OsNotSupported, Codes.OsNotSupported], []),
        ["the nodes' OS with another minor version"] = (() => Healthy() with { Package = Package(osList: ["rhel9.2"]) }, [], []),
        ["no OS named (older packers: os Linux)"] = (() => Healthy() with { Package = Package(osList: []) }, [], []),
        ["ubuntu22.04 on Ubuntu 22.04 nodes"] = (() => Healthy() with { Package = Package(osList: ["ubuntu22.04"]), Nodes = [Node(1, osName: "ubuntu", osVersion: "22.04")] }, [], []),
        ["ubuntu22 on Ubuntu 22.04.5 nodes"] = (() => Healthy() with { Package = Package(osList: ["ubuntu22"]), Nodes = [Node(1, osName: "Ubuntu", osVersion: "22.04.5")] }, [], []),
        ["ubuntu18.04 on Ubuntu 22.04 nodes"] = (() => Healthy() with { Package = Package(osList: ["ubuntu18.04"]), Nodes = [Node(1, osName: "ubuntu", osVersion: "22.04")] }, [Codes.OsNotSupported], []),
        ["one node of three on another OS"] = (() => Healthy() with { Nodes = [Node(1), Node(2, osName: "ubuntu", osVersion: "22.04"), Node(3)] }, [Codes.OsNotSupported], []),
        ["built for aarch64, nodes x86_64"] = (() => Healthy() with { Package = Package(architecture: "aarch64") }, [Codes.ArchitectureMismatch, Codes.ArchitectureMismatch, Codes.ArchitectureMismatch], []),
        ["the architecture in another case"] = (() => Healthy() with { Package = Package(architecture: "X86_64") }, [], []),
        ["no architecture named"] = (() => Healthy() with { Package = Package(architecture: null) }, [], []),
        ["min_redis_pack_version above the nodes'"] = (() => Healthy() with { Package = Package(minPack: "8.4.0") }, [Codes.ClusterVersionTooOld, Codes.ClusterVersionTooOld, Codes.ClusterVersionTooOld], []),
        ["min_redis_pack_version equal to the nodes'"] = (() => Healthy() with { Package = Package(minPack: "8.2.0") }, [], []),
        ["min_redis_pack_version as major.minor"] = (() => Healthy() with { Package = Package(minPack: "7.22"), Nodes = [Node(1, "7.22.2-170")] }, [], []),
        ["a development build (100.x) above any minimum"] = (() => Healthy() with { Package = Package(minPack: "8.4.0"), Nodes = [Node(1, "100.0.21-16135")] }, [], []),
        ["one node of three still on 7.22 (rolling upgrade)"] = (() => Healthy() with { Package = Package(minPack: "8.0.0"), Nodes = [Node(1), Node(2, "7.22.2-170"), Node(3)] }, [Codes.ClusterVersionTooOld], [Codes.MixedNodeVersions]),
        ["nodes on two builds of 8.2"] = (() => Healthy() with { Nodes = [Node(1, "8.2.0-25"), Node(2, "8.2.0-30")] }, [], [Codes.MixedNodeVersions]),
        ["uploads off (8.2)"] = (() => Healthy() with { Cluster = F.ClusterInfo(moduleUploadMaxSizeMb: 40, allowModulesUpload: false) }, [Codes.ModulesUploadDisabled], []),
        ["uploads off, the upload switches them on"] = (() => Healthy() with { Cluster = F.ClusterInfo(moduleUploadMaxSizeMb: 40, allowModulesUpload: false), EnableModuleUploads = true }, [], [Codes.ModulesUploadDisabled]),
        ["no upload setting (before 8.2)"] = (() => Healthy() with { Cluster = F.ClusterInfo(moduleUploadMaxSizeMb: 40) }, [], []),
        ["larger than module_upload_max_size_mb"] = (() => Healthy() with { PackageLength = (40 * MiB) + 1 }, [], [Codes.LargerThanUploadLimit]),
        ["exactly module_upload_max_size_mb"] = (() => Healthy() with { PackageLength = 40 * MiB }, [], []),
        ["larger than the cluster is known to take (500 MB)"] = (() => Healthy() with { PackageLength = (500 * MiB) + 1 }, [], [Codes.PackageTooLarge]),
        ["larger than 500 MB, the cluster unread"] = (() => Healthy() with { PackageLength = (500 * MiB) + 1, Cluster = null, ReadFailures = ["GET /v1/cluster answered 403"] }, [], [Codes.PackageTooLarge, Codes.NotChecked]),
        ["the same version installed"] = (() => Healthy() with { Modules = [F.ModuleInfo(uid: "g1", moduleName: "gears", semanticVersion: "1.2.3")] }, [], [Codes.AlreadyInstalled]),
        ["another version installed"] = (() => Healthy() with { Modules = [F.ModuleInfo(uid: "g1", moduleName: "gears", semanticVersion: "1.2.2")] }, [], []),
        ["the same version under another case of name"] = (() => Healthy() with { Modules = [F.ModuleInfo(uid: "g1", moduleName: "Gears", semanticVersion: "1.2.3")] }, [], []),
        ["a package the validation refuses"] = (() => Healthy() with { PackageProblems = [new(ModuleNameMissing, "module.json has no module_name.")] }, [ModuleNameMissing], []),
        ["no module.json: only the cluster's own checks"] = (() => Healthy() with { Package = null, PackageProblems = [new(NotAZip, "not a zip")], Cluster = F.ClusterInfo(allowModulesUpload: false) }, [NotAZip, Codes.ModulesUploadDisabled], []),
        ["a node that does not report its OS"] = (() => Healthy() with { Nodes = [Node(1, osName: null)] }, [], [Codes.NodePlatformUnknown]),
        ["a node that does not report its version"] = (() => Healthy() with { Nodes = [F.NodeInfo(uid: 1, osName: "rhel", osSemanticVersion: "9.4", architecture: "x86_64")] }, [], [Codes.NodePlatformUnknown]),
        ["no database can load it (compatible_redis_version 8.4)"] = (() => Healthy() with { Package = Package(compatibleRedis: "8.4"), Databases = [Database(1, "7.4"), Database(2, "8.2")] }, [], [Codes.NoCompatibleDatabase]),
        ["no database can load it (min_redis_version 6.0, no compatible_redis_version)"] = (() => Healthy() with { Package = Package(minRedis: "6.0.0"), Databases = [Database(1, "7.4")] }, [], [Codes.NoCompatibleDatabase]),
        ["a database can load it"] = (() => Healthy() with { Package = Package(compatibleRedis: "8.4"), Databases = [Database(1, "7.4"), Database(2, "8.4")] }, [], []),
        ["no database at all"] = (() => Healthy() with { Package = Package(compatibleRedis: "8.4"), Databases = [] }, [], []),
        ["a database on an older version that may not move"] = (() => Healthy() with { Package = Package(compatibleRedis: "8.4"), Databases = [Database(1, "7.4", gears: "1.2.2"), Database(2, "8.4")] }, [], [Codes.UpgradeNotAllowed]),
        ["the databases unread"] = (() => Healthy() with { Databases = null, ReadFailures = ["GET /v1/bdbs answered 403"] }, [], [Codes.NotChecked]),
        ["the nodes unread: their checks skipped"] = (() => Healthy() with { Package = Package(osList: ["ubuntu22.04"]), Nodes = null, ReadFailures = ["GET /v1/nodes answered 404"] }, [], [Codes.NotChecked]),
    };

    public static TheoryData<string> RuleNames() => new(Rules.Keys);

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Each_rule_gives_its_problems_and_warnings(string rule)
    {
        (Func<ModuleCompatibilityInputs> inputs, string[] problems, string[] warnings) = Rules[rule];

        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(inputs());

        Assert.Equal(problems.Order(StringComparer.Ordinal), report.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal(warnings.Order(StringComparer.Ordinal), report.Warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
        Assert.Equal(problems.Length == 0, report.IsCompatible);
    }

    [Fact]
    public void A_node_problem_names_the_node_its_platform_and_what_the_package_supports()
    {
        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(Healthy() with
        {
            Nodes = [Node(1), F.NodeInfo(uid: 2, status: "active", softwareVersion: "8.2.0-25", osName: "ubuntu", osSemanticVersion: "22.04", osVersion: "Ubuntu 22.04.5 LTS", architecture: "aarch64")],
        });

        Assert.All(report.Problems, p => Assert.Equal(2, p.NodeUid));
        ModuleCompatibilityIssue os = Assert.Single(report.Problems, p => p.Code == Codes.OsNotSupported);
        Assert.Equal("Node 2 runs Ubuntu 22.04.5 LTS (ubuntu22); the package supports rhel9, ubuntu18.04.", os.Message);
        ModuleCompatibilityIssue architecture = Assert.Single(report.Problems, p => p.Code == Codes.ArchitectureMismatch);
        Assert.Equal("Node 2 is aarch64; the package is built for x86_64.", architecture.Message);
    }

    [Fact]
    public void Uploads_off_say_how_to_switch_them_on()
    {
        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(Healthy() with { Cluster = F.ClusterInfo(allowModulesUpload: false) });

        ModuleCompatibilityIssue problem = Assert.Single(report.Problems);
        Assert.Contains("EnableModuleUploads", problem.Message, StringComparison.Ordinal);
        Assert.Contains("PUT /v1/cluster", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Already_installed_names_the_cluster_module()
    {
        ModuleInfo installed = F.ModuleInfo(uid: "g1", moduleName: "gears", semanticVersion: "1.2.3");

        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(Healthy() with { Modules = [installed] });

        Assert.Same(installed, report.AlreadyInstalled);
        Assert.Contains("g1", Assert.Single(report.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_and_its_exception_list_every_problem_and_warning_by_code()
    {
        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(Healthy() with
        {
            Package = Package(architecture: "aarch64"),
            Nodes = [Node(1), Node(2, "8.2.0-30")],
        });

        var error = new ModuleCompatibilityException(report);

        Assert.Same(report, error.Report);
        Assert.Equal(0, error.Status);
        Assert.StartsWith("The module package 'gears.Linux-rhel9-x86_64.1.2.3.zip' (gears 1.2.3) does not fit this cluster:", error.Message, StringComparison.Ordinal);
        Assert.Contains("- [architecture_mismatch] Node 1 is x86_64", error.Message, StringComparison.Ordinal);
        Assert.Contains("- [architecture_mismatch] Node 2 is x86_64", error.Message, StringComparison.Ordinal);
        Assert.Contains("And warnings:\n- [mixed_node_versions]", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("fits this cluster.", ModuleCompatibilityCheck.Evaluate(Healthy()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Databases_that_can_use_it_and_upgrade_candidates_follow_the_rule()
    {
        DatabaseInfo older74 = Database(1, "7.4", gears: "1.2.2"), older80 = Database(2, "8.0", gears: "1.0.9"), newer74 = Database(3, "7.4", gears: "1.3.0");
        DatabaseInfo same74 = Database(4, "7.4", gears: "1.2.3"), none74 = Database(5, "7.4"), other80 = Database(6, "8.0");

        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(Healthy() with { Package = Package(minRedis: "7.4.0"), Databases = [older74, older80, newer74, same74, none74, other80] });

        Assert.Equal([1, 3, 4, 5], report.DatabasesThatCanUse.Select(d => d.Uid));
        Assert.Equal([1], report.UpgradeCandidates.Select(d => d.Uid)); // not the newer, the same, nor the 8.0 one that may not load it
        ModuleCompatibilityIssue cannot = Assert.Single(report.Warnings);
        Assert.Equal((Codes.UpgradeNotAllowed, (int?)2, (int?)null), (cannot.Code, cannot.DatabaseUid, cannot.NodeUid));
        Assert.Equal("Database 2 (db2, Redis 8.0) loads gears 1.0.9 but cannot move to 1.2.3: the package fits databases on Redis 7.x only (min_redis_version 7.4.0, no compatible_redis_version).", cannot.Message);
    }

    [Theory]
    [InlineData("8.4", "7.4.0", "8.4", true)]
    [InlineData("8.4", "7.4.0", "8.2", false)] // compatible_redis_version wins over min_redis_version, exactly
    [InlineData("8.4", null, "8.4.1", true)]
    [InlineData("8.4", null, "9.4", false)]
    [InlineData("", "7.4.0", "7.2", true)] // without it: the same major
    [InlineData(null, "7.4.0", "7.4", true)]
    [InlineData(null, "7.4.0", "8.0", false)]
    [InlineData(null, "6.0.0", "7.4", false)]
    [InlineData(null, null, "7.4", true)] // a module that names neither is not known to be refused
    [InlineData(null, "7.4.0", null, false)] // a database whose version does not read
    [InlineData("garbled", "7.4.0", "7.4", false)]
    public void The_redis_version_rule(string? compatibleRedis, string? minRedis, string? databaseVersion, bool allowed) =>
        Assert.Equal(allowed, ModuleRedisVersionRule.Allows(Package(minRedis: minRedis, compatibleRedis: compatibleRedis), databaseVersion));

    [Theory]
    [InlineData("8.2.0-25", "8.2.0")]
    [InlineData("7.22.2-170", "7.22.2")]
    [InlineData("100.0.21-16135", "100.0.21")]
    [InlineData("7.22", "7.22.0")]
    [InlineData("8", "8.0.0")]
    [InlineData(" 6.0.0 ", "6.0.0")]
    [InlineData("8.2.0.1", "8.2.0")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("latest", null)]
    public void Release_versions_read_as_major_minor_patch(string? text, string? expected) =>
        Assert.Equal(expected, ReleaseVersion.Parse(text)?.ToString());

    [Theory]
    [InlineData("rhel9", "rhel", "9.4", true)]
    [InlineData("rhel9.2", "rhel", "9.4", true)]
    [InlineData("RHEL9", "rhel", "9.4", true)]
    [InlineData("rhel8", "rhel", "9.4", false)]
    [InlineData("ubuntu22.04", "ubuntu", "22.04", true)]
    [InlineData("ubuntu22", "ubuntu", "22.04", true)]
    [InlineData("ubuntu20.04", "ubuntu", "22.04", false)]
    [InlineData("rhel9", "ubuntu", "9.0", false)]
    public void A_package_os_fits_a_node_of_the_same_name_and_major_version(string packageOs, string osName, string osVersion, bool fits) =>
        Assert.Equal(fits, ModuleCompatibilityCheck.OsFits(packageOs, ModuleCompatibilityCheck.NodeOsName(Node(1, osName: osName, osVersion: osVersion))!));
}
