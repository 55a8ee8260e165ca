namespace RedisEnterprise.Modules.Testing.Internal;

internal static class Hex
{
    /// <summary>Lower-case hex, as <c>sha256sum</c> prints it.</summary>
    internal static string Lower(ReadOnlySpan<byte> bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
    }
}
