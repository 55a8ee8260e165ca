namespace RedisEnterprise.Modules;

/// <summary>How much of a module file has been sent.</summary>
/// <param name="BytesSent">The bytes of the file sent so far.</param>
/// <param name="TotalBytes">The file's size, when known.</param>
public readonly record struct UploadProgress(long BytesSent, long? TotalBytes)
{
    /// <summary>The share sent, from 0 to 100, when the size is known.</summary>
    public double? Percent => TotalBytes is > 0 ? BytesSent * 100d / TotalBytes.Value : null;
}

/// <summary>Options of one module upload.</summary>
public sealed class UploadModuleOptions
{
    /// <summary>Receives the bytes sent while the body streams: monotonic, rate-limited, ending at the total.</summary>
    public IProgress<UploadProgress>? UploadProgress { get; set; }

    /// <summary>Receives each status polled while waiting for the cluster to finish with the module.</summary>
    public IProgress<ActionInfo>? ActionProgress { get; set; }

    /// <summary>
    /// Check the package (<see cref="ModulePackage.ValidateStreamAsync"/>) before a single byte goes to the cluster, and throw
    /// <see cref="ModulePackageValidationException"/> listing every problem. <see langword="null"/> (default): on for uploads
    /// from a file path, off for streams; <see langword="true"/> checks a stream too (one that cannot seek, once spooled).
    /// </summary>
    public bool? Validate { get; set; }
}
