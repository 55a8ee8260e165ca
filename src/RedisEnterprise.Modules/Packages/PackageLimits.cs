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
}
