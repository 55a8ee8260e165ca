namespace RedisEnterprise.Modules;

/// <summary>Options of one module upload.</summary>
public sealed class UploadModuleOptions
{
    /// <summary>Receives the bytes sent while the body streams: monotonic, rate-limited, ending at the total.</summary>
    public IProgress<UploadProgress>? UploadProgress { get; set; }

    /// <summary>Receives each status polled while waiting for the cluster to finish with the module.</summary>
    public IProgress<ActionInfo>? ActionProgress { get; set; }

    /// <summary>
    /// Check the package as <see cref="ModulePackage.ValidateStreamAsync"/> does, and throw <see cref="ModulePackageValidationException"/>
    /// listing every problem: its structure and <c>module.json</c> before a single byte goes to the cluster, its data (CRC-32s, sizes,
    /// the <c>.so</c>'s SHA-256) from the bytes as they are sent (on Redis Software 8, once for all nodes, from one more read of
    /// the file beside their uploads); a package whose data fails
    /// ends the request before its body is complete. <see langword="null"/> (default): on for uploads from a file path, off for
    /// streams; <see langword="true"/> checks a stream too (one that cannot seek, once spooled).
    /// </summary>
    public bool? Validate { get; set; }

    /// <summary>
    /// Check the package against the cluster (<see cref="IRedisEnterpriseModulesClient.CheckModuleCompatibilityAsync(string, UploadModuleOptions?, CancellationToken)"/>:
    /// every node's operating system and architecture, the cluster's version and upload setting) before a single byte of it
    /// is sent, and throw <see cref="ModuleCompatibilityException"/> carrying the report on any problem; warnings are logged.
    /// The check only reads (a few GETs). <see langword="null"/> (default): on for uploads from a file path, off for streams;
    /// <see langword="true"/> checks a stream too. Runs after <see cref="Validate"/>.
    /// </summary>
    public bool? CheckCompatibility { get; set; }

    /// <summary>
    /// On Redis Software 8.2 and later, where module uploads are switched off by default (<c>allow_modules_upload</c>): switch
    /// them on for this install (<c>PUT /v1/cluster</c>) and off again afterwards, whether the install succeeds or not
    /// (default <see langword="false"/>: a cluster with uploads off fails with <see cref="ModuleUploadDisabledException"/>
    /// before any byte of the package is sent). Needs the admin role. No effect where uploads are on, or on 7.x.
    /// </summary>
    public bool EnableModuleUploads { get; set; }

    /// <summary>
    /// On Redis Software 8, how many nodes receive the package at the same time: 1 or more (default 4). Each upload streams
    /// from disk, so more parallel uploads cost bandwidth, not memory.
    /// </summary>
    public int MaxParallelNodeUploads { get; set; } = 4;

    /// <summary>Whether <see cref="Validate"/> is on for this upload: as set, or by default on for a file path and off for a stream.</summary>
    internal static bool Validates(UploadModuleOptions? options, bool fromPath) => options?.Validate ?? fromPath;

    /// <summary>Whether <see cref="CheckCompatibility"/> is on for this upload, by the same default as <see cref="Validates"/>.</summary>
    internal static bool ChecksCompatibility(UploadModuleOptions? options, bool fromPath) => options?.CheckCompatibility ?? fromPath;
}
