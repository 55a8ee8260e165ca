namespace RedisEnterprise.Modules.Packages;

/// <summary>What one pass over a package found.</summary>
internal sealed class PackageScan
{
    internal List<ModulePackageProblem> Problems { get; } = [];

    internal ModulePackageMetadata? Metadata { get; set; }

    internal string? ModuleFileName { get; set; }

    /// <summary>The entries whose data a full check reads, in the directory's order (all but <c>module.json</c>, unsafe names, links and bombs).</summary>
    internal List<EntryCheck> EntriesToRead { get; } = [];

    /// <summary>Where the zip's central directory starts; no entry's data may reach into it.</summary>
    internal long DirectoryOffset { get; set; }
}
