namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// What <see cref="ModuleCompatibilityCheck"/> judges: the package as read on this machine and the cluster as its GETs
/// answered. A part of the cluster that could not be read is <see langword="null"/>, with the reason in <see cref="ReadFailures"/>.
/// </summary>
internal sealed record ModuleCompatibilityInputs
{
    internal required string FileName { get; init; }

    /// <summary>The package's <c>module.json</c>; <see langword="null"/> when it could not be read.</summary>
    internal ModulePackageMetadata? Package { get; init; }

    /// <summary>The size of the package in bytes, as an upload sends it.</summary>
    internal long PackageLength { get; init; }

    /// <summary>What the package validation found (empty when it was not asked for or found nothing).</summary>
    internal IReadOnlyList<ModulePackageProblem> PackageProblems { get; init; } = [];

    internal IReadOnlyList<NodeInfo>? Nodes { get; init; }

    internal ClusterInfo? Cluster { get; init; }

    internal IReadOnlyList<ModuleInfo>? Modules { get; init; }

    internal IReadOnlyList<DatabaseInfo>? Databases { get; init; }

    /// <summary>Whether the upload will switch module uploads on for itself (<see cref="UploadModuleOptions.EnableModuleUploads"/>).</summary>
    internal bool EnableModuleUploads { get; init; }

    /// <summary>Why a part of the cluster is missing, one sentence each.</summary>
    internal IReadOnlyList<string> ReadFailures { get; init; } = [];
}
