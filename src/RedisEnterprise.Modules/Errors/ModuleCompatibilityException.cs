namespace RedisEnterprise.Modules;

/// <summary>
/// The compatibility check made before an upload (<see cref="UploadModuleOptions.CheckCompatibility"/>) found a problem:
/// <see cref="Report"/> lists every one. Nothing of the package was sent; <see cref="RedisEnterpriseException.Status"/> is 0.
/// </summary>
public class ModuleCompatibilityException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="report">The report with at least one problem.</param>
    public ModuleCompatibilityException(ModuleCompatibilityReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString(), 0)
        => Report = report;

    /// <summary>The check's report: its problems, warnings, and what it found on the cluster.</summary>
    public ModuleCompatibilityReport Report { get; }
}
