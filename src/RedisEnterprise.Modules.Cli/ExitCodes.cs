namespace RedisEnterprise.Modules.Cli;

/// <summary>The process exit codes docs/cli.md documents; scripts depend on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked, or found nothing to do.</summary>
    public const int Success = 0;

    /// <summary>The cluster answered with an error, could not be reached, or a package is missing or invalid.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the connection settings are wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The package does not fit the cluster (the compatibility check found a problem).</summary>
    public const int Incompatible = 3;

    /// <summary>Cancelled (Ctrl+C), as shells report a process ended by SIGINT.</summary>
    public const int Cancelled = 130;
}
