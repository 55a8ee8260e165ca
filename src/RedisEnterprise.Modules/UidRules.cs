namespace RedisEnterprise.Modules;

/// <summary>What a module or action uid must be, for the arguments callers pass and the answers the cluster sends.</summary>
internal static class UidRules
{
    /// <summary>Checks a uid argument before any request: not empty, and a single path segment once escaped.</summary>
    /// <exception cref="ArgumentException">The uid is null, empty, whitespace, or a dot segment.</exception>
    internal static void ThrowIfInvalid(string uid, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid, parameterName);
        if (!IsUsable(uid)) throw new ArgumentException($"'{uid}' is not a valid uid.", parameterName);
    }

    /// <summary>Whether a uid can be followed: not empty, and not a dot segment that would leave its path.</summary>
    internal static bool IsUsable(string? uid) => !string.IsNullOrWhiteSpace(uid) && uid is not ("." or "..");
}
