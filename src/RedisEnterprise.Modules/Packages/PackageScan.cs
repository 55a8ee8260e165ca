namespace RedisEnterprise.Modules.Packages;

/// <summary>What one pass over a package found.</summary>
internal sealed class PackageScan
{
    internal List<ModulePackageProblem> Problems { get; } = [];

    internal ModulePackageMetadata? Metadata { get; set; }

    internal string? ModuleFileName { get; set; }
}
