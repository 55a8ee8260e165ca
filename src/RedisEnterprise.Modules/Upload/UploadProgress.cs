namespace RedisEnterprise.Modules;

/// <summary>How much of a module file has been sent.</summary>
/// <param name="BytesSent">The bytes of the file sent so far.</param>
/// <param name="TotalBytes">The file's size, when known.</param>
public readonly record struct UploadProgress(long BytesSent, long? TotalBytes)
{
    /// <summary>The share sent, from 0 to 100, when the size is known.</summary>
    public double? Percent => TotalBytes is > 0 ? BytesSent * 100d / TotalBytes.Value : null;

    /// <summary>The node this upload goes to (Redis Software 8 uploads the package to each node); <see langword="null"/> for an upload to the cluster.</summary>
    public int? NodeUid { get; init; }
}
