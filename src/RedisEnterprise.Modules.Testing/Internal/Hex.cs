namespace RedisEnterprise.Modules.Testing.Internal;

internal static class Hex
{
    /// <summary>Lower-case hex, as <c>sha256sum</c> prints it.</summary>
    internal static string Lower(ReadOnlySpan<byte> bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return string.Create(bytes.Length * 2, bytes.ToArray(), static (chars, data) =>
        {
            const string Digits = "0123456789abcdef";
            for (int i = 0; i < data.Length; i++)
            {
                chars[2 * i] = Digits[data[i] >> 4];
                chars[(2 * i) + 1] = Digits[data[i] & 0xF];
            }
        });
#endif
    }
}
