namespace RedisEnterprise.Modules.Packages;

/// <summary>One entry as the zip's central directory declares it; nothing here has been checked against the entry's data.</summary>
internal sealed class ZipEntryRecord
{
    internal const ushort Stored = 0;
    internal const ushort Deflated = 8;

    private const uint UnixFileTypeMask = 0xF000;
    private const uint UnixSymbolicLink = 0xA000;

    /// <summary>The name, decoded as UTF-8 (any invalid byte shows as U+FFFD; <see cref="NameDefect"/> then says so).</summary>
    internal required string FullName { get; init; }

    /// <summary>The name's bytes, as the local header must repeat them.</summary>
    internal required ReadOnlyMemory<byte> NameBytes { get; init; }

    /// <summary>Why the name cannot be trusted to mean the same to every extractor, or null.</summary>
    internal string? NameDefect { get; init; }

    internal required ushort Flags { get; init; }

    internal required ushort Method { get; init; }

    internal required uint Crc32 { get; init; }

    /// <summary>The declared uncompressed size; a zip64 size past <see cref="long.MaxValue"/> reads as <see cref="long.MaxValue"/>.</summary>
    internal required long Length { get; init; }

    internal required long CompressedLength { get; init; }

    internal required long LocalHeaderOffset { get; init; }

    internal required uint ExternalAttributes { get; init; }

    internal bool IsEncrypted => (Flags & 1) != 0;

    /// <summary>Whether the Unix mode in the upper half of the external attributes is a symbolic link (<c>120000</c>).</summary>
    internal bool IsSymbolicLink => ((ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink;
}
