using System.Globalization;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// Which databases may load a module version, as the cluster decides it: a module that declares
/// <c>compatible_redis_version</c> (<c>8.4</c>) fits a database whose <c>redis_version</c> has exactly that major.minor;
/// otherwise the database's Redis major must equal the major of the module's <c>min_redis_version</c>.
/// </summary>
/// <remarks>The simulated cluster applies the same rule with its own copy: the Testing package cannot see this one.</remarks>
internal static class ModuleRedisVersionRule
{
    /// <summary>Whether a database on Redis <paramref name="databaseRedisVersion"/> may load <paramref name="module"/>; a database whose version does not read may not.</summary>
    internal static bool Allows(ModuleDescriptor module, string? databaseRedisVersion)
    {
        if (ReleaseVersion.Parse(databaseRedisVersion) is not { } database) return false;
        if (!string.IsNullOrWhiteSpace(module.CompatibleRedisVersion))
        {
            return ReleaseVersion.Parse(module.CompatibleRedisVersion) is { } compatible && compatible.Major == database.Major && compatible.Minor == database.Minor;
        }

        // A module that names neither is not known to be refused.
        return ReleaseVersion.Parse(module.MinRedisVersion) is not { } minimum || minimum.Major == database.Major;
    }

    /// <summary>Which databases the rule lets load <paramref name="module"/>, for messages: <c>Redis 8.4 only (compatible_redis_version)</c>.</summary>
    internal static string Describe(ModuleDescriptor module) =>
        !string.IsNullOrWhiteSpace(module.CompatibleRedisVersion)
            ? $"databases on Redis {module.CompatibleRedisVersion.Trim()} only (compatible_redis_version)"
            : ReleaseVersion.Parse(module.MinRedisVersion) is { } minimum
                ? $"databases on Redis {minimum.Major.ToString(CultureInfo.InvariantCulture)}.x only (min_redis_version {module.MinRedisVersion!.Trim()}, no compatible_redis_version)"
                : "any database (neither compatible_redis_version nor min_redis_version)";
}
