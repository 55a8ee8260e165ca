using System.Globalization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>Reads Redis versions as the cluster compares them: <c>7.4</c>, <c>8.0.2</c>.</summary>
internal static class FakeRedisVersion
{
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
