namespace RedisEnterprise.Modules.Workflows;

/// <summary>Reads the versions the cluster compares: Redis Software (<c>8.2.0-25</c>), Redis (<c>8.0</c>), modules (<c>2.8.4</c>).</summary>
internal static class ReleaseVersion
{
    /// <summary>A version as <c>major.minor.patch</c>: <c>8.2.0-25</c> is 8.2.0, <c>7.22</c> is 7.22.0, <c>8</c> is 8.0.0; <see langword="null"/> when it does not read.</summary>
    internal static Version? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string release = text.Trim().Split('-')[0];
        if (!release.Contains('.', StringComparison.Ordinal)) release += ".0";
        return Version.TryParse(release, out Version? version) ? new Version(version.Major, version.Minor, Math.Max(version.Build, 0)) : null;
    }
}
