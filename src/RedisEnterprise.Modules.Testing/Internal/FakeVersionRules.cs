using System.Globalization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// How the cluster compares versions, and which module versions a database may load: a module with
/// <c>compatible_redis_version</c> fits a database whose <c>redis_version</c> has exactly that major.minor; without it, the
/// database's Redis major must equal the major of the module's <c>min_redis_version</c>. The fake's own copy of the rule:
/// the Testing package sees only the library's public API.
/// </summary>
internal static class FakeVersionRules
{
    /// <summary>Whether a database on <paramref name="redisVersion"/> may load <paramref name="module"/>.</summary>
    internal static bool Allows(FakeModule module, string redisVersion)
    {
        if (!string.IsNullOrWhiteSpace(module.CompatibleRedisVersion)) return MajorMinor(module.CompatibleRedisVersion) is { } exact && exact == MajorMinor(redisVersion);
        return Major(module.MinRedisVersion) is not { } major || major == Major(redisVersion);
    }

    /// <summary>Orders semantic versions by their numeric parts (<c>2.10.0</c> after <c>2.8.4</c>), then by text.</summary>
    internal static int CompareSemantic(string? left, string? right)
    {
        string[] a = (left ?? string.Empty).Split('.', '-', '+'), b = (right ?? string.Empty).Split('.', '-', '+');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "0", y = i < b.Length ? b[i] : "0";
            int order = Number(x) is { } nx && Number(y) is { } ny ? nx.CompareTo(ny) : string.CompareOrdinal(x, y);
            if (order != 0) return order;
        }

        return 0;
    }

    /// <summary>The major and minor of a version; <see langword="null"/> when it does not read.</summary>
    internal static (int Major, int Minor)? MajorMinor(string? version)
    {
        string[] parts = (version ?? string.Empty).Trim().Split('-')[0].Split('.');
        return parts.Length >= 2 && Number(parts[0]) is { } major && Number(parts[1]) is { } minor ? (major, minor) : null;
    }

    /// <summary>The major of a version (<c>7</c> of <c>7.2</c>); <see langword="null"/> when it does not read.</summary>
    internal static int? Major(string? version) => Number((version ?? string.Empty).Trim().Split('.')[0]);

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
