using System.Buffers.Binary;

namespace RedisEnterprise.Modules.Tests.Packages;

/// <summary>
/// Writes a zip byte by byte, so a test can declare what <see cref="ZipArchive"/> would never write: sizes and CRCs that lie,
/// zip64 fields, Unix modes, names of any bytes.
/// </summary>
internal sealed class RawZip
{
    internal const ushort Stored = 0;
    internal const ushort Deflated = 8;

    /// <summary>Version made by: Unix (3), zip 3.0.</summary>
    internal const ushort MadeByUnix = (3 << 8) | 30;

    internal const uint RegularFileMode = 0x81A4u << 16; // 0100644
    internal const uint SymbolicLinkMode = 0xA1FFu << 16; // 0120777

    private readonly List<RawEntry> _entries = [];

    internal RawZip Add(RawEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>An entry holding <paramref name="content"/> as it is (stored) or deflated, declaring its true size and CRC.</summary>
    internal RawZip Add(string name, byte[] content, ushort method = Deflated, uint externalAttributes = RegularFileMode) =>
        Add(RawEntry.Of(name, content, method) with { ExternalAttributes = externalAttributes });

    /// <summary>The entries of a <see cref="TestPackages"/> package, each stored or deflated as it was.</summary>
    internal static RawZip From(byte[] zip)
    {
        var raw = new RawZip();
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using var content = new MemoryStream();
            using (Stream source = entry.Open()) source.CopyTo(content);
            raw.Add(entry.FullName, content.ToArray());
        }

        return raw;
    }

    internal RawZip Replace(string name, Func<RawEntry, RawEntry> change)
    {
        int at = _entries.FindIndex(e => e.NameText == name);
        _entries[at] = change(_entries[at]);
        return this;
    }

    internal byte[] ToBytes()
    {
        using var zip = new MemoryStream();
        var offsets = new List<long>();
        Span<byte> header = stackalloc byte[30];
        Span<byte> directoryHeader = stackalloc byte[46];
        foreach (RawEntry entry in _entries)
        {
            offsets.Add(zip.Position);
            byte[] extra = entry.Zip64Extra(localHeader: true, offset: 0);
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
            WriteSharedFields(header[4..], entry, extra.Length);
            zip.Write(header);
            zip.Write(entry.Name);
            zip.Write(extra);
            zip.Write(entry.Data);
        }

        long directoryStart = zip.Position;
        for (int i = 0; i < _entries.Count; i++)
        {
            RawEntry entry = _entries[i];
            byte[] extra = entry.Zip64Extra(localHeader: false, offset: offsets[i]);
            directoryHeader.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(directoryHeader, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(directoryHeader[4..], entry.MadeBy);
            WriteSharedFields(directoryHeader[6..], entry, extra.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(directoryHeader[38..], entry.ExternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(directoryHeader[42..], entry.Zip64 ? uint.MaxValue : (uint)offsets[i]);
            zip.Write(directoryHeader);
            zip.Write(entry.Name);
            zip.Write(extra);
        }

        long directorySize = zip.Position - directoryStart;
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)directoryStart);
        zip.Write(end);
        return zip.ToArray();
    }

    /// <summary>The fields a local header (from its offset 4) and a central directory header (from its offset 6) lay out alike: version needed, flags, method, time, date, CRC, sizes, name and extra lengths.</summary>
    private static void WriteSharedFields(Span<byte> fields, RawEntry entry, int extraLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(fields, entry.Zip64 ? (ushort)45 : (ushort)20);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[2..], entry.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[4..], entry.Method);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[10..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[14..], entry.Zip64 ? uint.MaxValue : (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[18..], entry.Zip64 ? uint.MaxValue : (uint)entry.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[22..], (ushort)entry.Name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[24..], (ushort)extraLength);
    }

    internal static byte[] Deflate(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(content);
        return buffer.ToArray();
    }

    /// <summary>
    /// A deflate stream that starts with <paramref name="head"/> and then inflates to <paramref name="zeroMebibytes"/> MiB of zeros,
    /// built without compressing them: one flushed block of 1 MiB of zeros, repeated (each back-reference lands on zeros).
    /// </summary>
    internal static byte[] DeflateThatKeepsGoing(byte[] head, int zeroMebibytes)
    {
        using var buffer = new MemoryStream();
        byte[] start, zeros;
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(head);
            deflate.Flush();
            start = buffer.ToArray();
            deflate.Write(new byte[1 << 20]);
            deflate.Flush();
            zeros = buffer.ToArray()[start.Length..];
        }

        byte[] end = buffer.ToArray()[(start.Length + zeros.Length)..];
        using var bomb = new MemoryStream();
        bomb.Write(start);
        for (int i = 0; i < zeroMebibytes; i++) bomb.Write(zeros);
        bomb.Write(end);
        return bomb.ToArray();
    }

    internal static uint Crc32Of(ReadOnlySpan<byte> content) => System.IO.Hashing.Crc32.HashToUInt32(content);
}

/// <summary>One entry of a <see cref="RawZip"/>: <see cref="Data"/> is written as it is, whatever the other fields declare.</summary>
internal sealed record RawEntry(byte[] Name, byte[] Data)
{
    internal ushort Method { get; init; } = RawZip.Deflated;
    internal ushort Flags { get; init; } = 1 << 11; // the name is UTF-8
    internal uint Crc { get; init; }
    internal ulong CompressedSize { get; init; }
    internal ulong UncompressedSize { get; init; }
    internal uint ExternalAttributes { get; init; } = RawZip.RegularFileMode;
    internal ushort MadeBy { get; init; } = RawZip.MadeByUnix;

    /// <summary>Whether the sizes (and, in the directory, the offset) are written as zip64 fields.</summary>
    internal bool Zip64 { get; init; }

    internal string NameText => Encoding.UTF8.GetString(Name);

    internal static RawEntry Of(string name, byte[] content, ushort method = RawZip.Deflated) =>
        new(Encoding.UTF8.GetBytes(name), method == RawZip.Stored ? content : RawZip.Deflate(content))
        {
            Method = method,
            Crc = RawZip.Crc32Of(content),
            UncompressedSize = (ulong)content.Length,
            CompressedSize = (ulong)(method == RawZip.Stored ? content.Length : RawZip.Deflate(content).Length),
        };

    internal byte[] Zip64Extra(bool localHeader, long offset)
    {
        if (!Zip64) return [];
        byte[] extra = new byte[4 + (localHeader ? 16 : 24)];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(extra.Length - 4));
        BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(4), UncompressedSize);
        BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(12), CompressedSize);
        if (!localHeader) BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(20), (ulong)offset);
        return extra;
    }
}
