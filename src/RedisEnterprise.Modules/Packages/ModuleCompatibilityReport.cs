using System.Text;

namespace RedisEnterprise.Modules;

/// <summary>
/// Whether a module package fits a cluster, from <see cref="IRedisEnterpriseModulesClient.CheckModuleCompatibilityAsync(string, CancellationToken)"/>:
/// every problem (what the cluster would refuse) and warning (what may surprise), and what the check found there.
/// </summary>
/// <remarks>Build one for a test with <see cref="RedisEnterpriseModulesModelFactory.ModuleCompatibilityReport"/>.</remarks>
public sealed class ModuleCompatibilityReport
{
    internal ModuleCompatibilityReport(
        string fileName,
        ModulePackageMetadata? package,
        IEnumerable<ModuleCompatibilityIssue> problems,
        IEnumerable<ModuleCompatibilityIssue> warnings,
        ModuleInfo? alreadyInstalled,
        IEnumerable<DatabaseInfo> databasesThatCanUse,
        IEnumerable<DatabaseInfo> upgradeCandidates)
    {
        DatabasesThatCanUse = databasesThatCanUse.ToList().AsReadOnly();
        UpgradeCandidates = upgradeCandidates.ToList().AsReadOnly();
        FileName = fileName;
        Package = package;
        Problems = problems.ToList().AsReadOnly();
        Warnings = warnings.ToList().AsReadOnly();
        AlreadyInstalled = alreadyInstalled;
    }

    /// <summary>The package's file name.</summary>
    public string FileName { get; }

    /// <summary>The package's <c>module.json</c>; <see langword="null"/> when it could not be read (<see cref="Problems"/> says why).</summary>
    public ModulePackageMetadata? Package { get; }

    /// <summary>Whether no problem was found: the cluster should take the package (warnings aside).</summary>
    public bool IsCompatible => Problems.Count == 0;

    /// <summary>What the cluster would refuse, or what makes the package unusable there; an upload with <see cref="UploadModuleOptions.CheckCompatibility"/> stops on any.</summary>
    public IReadOnlyList<ModuleCompatibilityIssue> Problems { get; }

    /// <summary>What does not stop an upload but may surprise: the package is already installed, larger than the cluster's upload limit, and so on.</summary>
    public IReadOnlyList<ModuleCompatibilityIssue> Warnings { get; }

    /// <summary>The cluster's module with the package's name and version, when it already has it.</summary>
    public ModuleInfo? AlreadyInstalled { get; }

    /// <summary>
    /// The databases that may load this module version: those whose <c>redis_version</c> has exactly the package's
    /// <c>compatible_redis_version</c>, or without one, the major of its <c>min_redis_version</c>. Empty when the databases could not be read.
    /// </summary>
    public IReadOnlyList<DatabaseInfo> DatabasesThatCanUse { get; }

    /// <summary>
    /// The databases that load an older version of this module and may move to this one
    /// (<see cref="IRedisEnterpriseModulesClient.StartUpgradeDatabaseModuleAsync(int, string, string, CancellationToken)"/> after the upload).
    /// </summary>
    public IReadOnlyList<DatabaseInfo> UpgradeCandidates { get; }

    /// <summary>Describes the report: the verdict, then one line per problem and per warning.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string subject = Package is null ? $"The module package '{FileName}'" : $"The module package '{FileName}' ({Package})";
        var text = new StringBuilder(subject).Append(IsCompatible ? " fits this cluster." : " does not fit this cluster:");
        foreach (ModuleCompatibilityIssue problem in Problems) text.Append("\n- ").Append(problem);
        if (Warnings.Count > 0) text.Append(IsCompatible ? "\nWarnings:" : "\nAnd warnings:");
        foreach (ModuleCompatibilityIssue warning in Warnings) text.Append("\n- ").Append(warning);
        return text.ToString();
    }
}
