using System.Buffers.Binary;
using System.Globalization;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Opens an entry's content as a stream that yields what the entry holds and throws <see cref="InvalidDataException"/> once it
/// is not what the directory declares: a bad local header, data past the directory, a CRC-32 that does not match, compressed
/// data that does not end at its declared compressed size. Output past the declared size is passed on (the caller stops there).
/// </summary>
internal static class ZipEntryContent
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int LocalHeaderSize = 30;

    /// <param name="archive">The whole zip.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="directoryOffset">Where the central directory starts: no entry's data may reach into it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    internal static async Task<Stream> OpenAsync(Stream archive, ZipEntryRecord entry, long directoryOffset, CancellationToken cancellationToken)
    {
        long dataStart = await LocateAsync(archive, entry, directoryOffset, cancellationToken).ConfigureAwait(false);
        return Open(new StreamWindow(archive, dataStart, entry.CompressedLength), entry);
    }

    /// <summary>
    /// Reads the entry's local header and returns where its data starts; throws <see cref="InvalidDataException"/> when the
    /// entry cannot be read (encrypted, an unknown method, a local header that does not match, data running into the directory).
    /// </summary>
    internal static async Task<long> LocateAsync(Stream archive, ZipEntryRecord entry, long directoryOffset, CancellationToken cancellationToken)
    {
        if (entry.IsEncrypted) throw new InvalidDataException("it is encrypted.");
        if (entry.Method is not (ZipEntryRecord.Stored or ZipEntryRecord.Deflated))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"it uses compression method {entry.Method}; a package's entries are stored (0) or deflated (8)."));
        }

        if (entry.LocalHeaderOffset > directoryOffset - LocalHeaderSize) throw new InvalidDataException("its local header is not before the zip's directory.");

        byte[] header = new byte[LocalHeaderSize + entry.NameBytes.Length];
        archive.Position = entry.LocalHeaderOffset;
        await archive.ReadExactlyAsync(header.AsMemory(0, (int)Math.Min(header.Length, directoryOffset - entry.LocalHeaderOffset)), cancellationToken).ConfigureAwait(false);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26));
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature || nameLength != entry.NameBytes.Length ||
            !header.AsSpan(LocalHeaderSize).SequenceEqual(entry.NameBytes.Span))
        {
            throw new InvalidDataException("its local header is missing, or names another entry than the directory does.");
        }

        long dataStart = entry.LocalHeaderOffset + LocalHeaderSize + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        if (entry.CompressedLength > directoryOffset - dataStart) throw new InvalidDataException("its data runs past the start of the zip's directory.");
        return dataStart;
    }

    /// <summary>The checked content of a located entry, from <paramref name="data"/>: exactly its compressed bytes.</summary>
    internal static Stream Open(Stream data, ZipEntryRecord entry) =>
        // No compressed bytes read as nothing whatever the method (as extractors read an empty folder entry marked deflated).
        // A stored entry whose two sizes differ yields more or fewer bytes than it declares, which the caller reports.
        entry.Method == ZipEntryRecord.Deflated && entry.CompressedLength > 0
            ? new DeflatedEntryStream(data, entry.Length, entry.Crc32)
            : new StoredEntryStream(data, entry.Crc32);
}
