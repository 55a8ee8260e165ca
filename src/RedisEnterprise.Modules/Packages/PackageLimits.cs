namespace RedisEnterprise.Modules.Packages;

/// <summary>The bounds past which a package is treated as a zip bomb (tests lower them).</summary>
internal sealed record PackageLimits
{
    internal static PackageLimits Default { get; } = new();

    internal int MaxEntries { get; init; } = 1000;

    internal long MaxEntrySize { get; init; } = 4L << 30;

    internal long MaxTotalSize { get; init; } = 4L << 30;

    internal double MaxCompressionRatio { get; init; } = 1000;

    // Tiny entries compress absurdly well (a run of zeros) without being a threat.
    internal long RatioCheckMinimumSize { get; init; } = 1L << 20;

    internal long MaxModuleJsonSize { get; init; } = 1L << 20;

    // A real package's directory is a few hundred bytes; this is 1,000 entries with names of about 1 KiB each.
    internal long MaxCentralDirectorySize { get; init; } = 1L << 20;

    // PATH_MAX on Linux: a longer name cannot be extracted there.
    internal int MaxEntryNameLength { get; init; } = 4096;
}
