using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Codes = RedisEnterprise.Modules.ModulePackageProblemCodes;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Reads a zip's central directory, within <see cref="PackageLimits"/>: the entry count and the directory's size are checked
/// from the end record before the directory is read, so a hostile directory costs at most the limit. It is read here rather than
/// by <see cref="System.IO.Compression.ZipArchive"/>, which reads the whole directory, however large, into one object per entry
/// (1,000 entries of 64 KiB names allocated 590 MB) and never tells where an entry's data starts.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndOfDirectorySignature = 0x06064b50;
    private const uint DirectoryHeaderSignature = 0x02014b50;
    private const int EndOfDirectorySize = 22;
    private const int Zip64LocatorSize = 20;
    private const int Zip64EndOfDirectorySize = 56;
    private const int DirectoryHeaderSize = 46;
    private const ushort Zip64ExtraId = 0x0001;
    private const ushort Utf8NameFlag = 1 << 11;

    /// <summary>Returns the entries in directory order and where the directory starts, or null once a problem is added (not a zip, or past a limit).</summary>
    internal static async Task<(List<ZipEntryRecord> Entries, long Offset)?> ReadAsync(Stream stream, PackageLimits limits, List<ModulePackageProblem> problems, CancellationToken cancellationToken)
    {
        End? end = await ReadEndAsync(stream, cancellationToken).ConfigureAwait(false);
        if (end is null)
        {
            problems.Add(NotAZip("it has no zip directory at its end"));
            return null;
        }

        (long count, long size, long offset, long endPosition) = end.Value;
        if (count > limits.MaxEntries)
        {
            problems.Add(TooManyEntries(count, limits));
            return null;
        }

        if (size > limits.MaxCentralDirectorySize)
        {
            problems.Add(new(Codes.ZipBomb, $"The zip's directory is {PackageScanner.FormatSize(size)}, past the {PackageScanner.FormatSize(limits.MaxCentralDirectorySize)} a package's directory can reasonably take; it was not read."));
            return null;
        }

        // Where the end record says the directory is must be where it is: an extractor that finds it by its size instead
        // (as Python's zipfile does for a zip behind a prefix) would read other bytes than this check.
        if (offset < 0 || offset + size != endPosition)
        {
            problems.Add(NotAZip("its directory is not where its end record says"));
            return null;
        }

        byte[] directory = new byte[size];
        stream.Position = offset;
        await stream.ReadExactlyAsync(directory, cancellationToken).ConfigureAwait(false);
        List<ZipEntryRecord>? entries = Parse(directory, count, limits);
        if (entries is null)
        {
            problems.Add(NotAZip("its directory is damaged"));
            return null;
        }

        return (entries, offset);
    }

    internal static ModulePackageProblem TooManyEntries(long count, PackageLimits limits) =>
        new(Codes.ZipBomb, string.Create(CultureInfo.InvariantCulture, $"The zip holds {count} entries, more than the {limits.MaxEntries} a package can reasonably hold; it was not read further."));

    private static ModulePackageProblem NotAZip(string reason) =>
        new(Codes.NotAZip, $"The file is not a zip archive, or it is corrupt or truncated: {reason}.");

    private static List<ZipEntryRecord>? Parse(byte[] directory, long count, PackageLimits limits)
    {
        var entries = new List<ZipEntryRecord>((int)count);
        int at = 0;
        for (long i = 0; i < count; i++)
        {
            if (directory.Length - at < DirectoryHeaderSize) return null;
            ReadOnlySpan<byte> header = directory.AsSpan(at, DirectoryHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != DirectoryHeaderSignature) return null;

            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            if (directory.Length - at - DirectoryHeaderSize < nameLength + extraLength + commentLength) return null;
            if (BinaryPrimitives.ReadUInt16LittleEndian(header[34..]) != 0) return null; // a disk other than the first

            var name = new ReadOnlyMemory<byte>(directory, at + DirectoryHeaderSize, nameLength);
            ReadOnlySpan<byte> extra = directory.AsSpan(at + DirectoryHeaderSize + nameLength, extraLength);
            ulong length = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            ulong compressedLength = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            ulong offset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (!ReadZip64(extra, ref length, ref compressedLength, ref offset)) return null;

            entries.Add(new ZipEntryRecord
            {
                FullName = Encoding.UTF8.GetString(name.Span),
                NameBytes = name,
                NameDefect = NameDefect(name.Span, flags, limits),
                Flags = flags,
                Method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
                Crc32 = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]),
                Length = Clamp(length),
                CompressedLength = Clamp(compressedLength),
                LocalHeaderOffset = Clamp(offset),
                ExternalAttributes = BinaryPrimitives.ReadUInt32LittleEndian(header[38..]),
            });
            at += DirectoryHeaderSize + nameLength + extraLength + commentLength;
        }

        return at == directory.Length ? entries : null;
    }

    /// <summary>Replaces each field that reads 0xFFFFFFFF with its zip64 value, in the order the format gives them; false when one is missing.</summary>
    private static bool ReadZip64(ReadOnlySpan<byte> extra, ref ulong length, ref ulong compressedLength, ref ulong offset)
    {
        if (length != uint.MaxValue && compressedLength != uint.MaxValue && offset != uint.MaxValue) return true;

        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (extra.Length - 4 < size) return false;
            ReadOnlySpan<byte> field = extra.Slice(4, size);
            if (id == Zip64ExtraId)
            {
                return Take(ref field, ref length) && Take(ref field, ref compressedLength) && Take(ref field, ref offset);
            }

            extra = extra[(4 + size)..];
        }

        return false;

        static bool Take(ref ReadOnlySpan<byte> field, ref ulong value)
        {
            if (value != uint.MaxValue) return true;
            if (field.Length < 8) return false;
            value = BinaryPrimitives.ReadUInt64LittleEndian(field);
            field = field[8..];
            return true;
        }
    }

    private static string? NameDefect(ReadOnlySpan<byte> name, ushort flags, PackageLimits limits)
    {
        if (name.Length > limits.MaxEntryNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is {name.Length} bytes long, past the {limits.MaxEntryNameLength} a path can take");
        }

        if (!Utf8.IsValid(name)) return "it is not valid UTF-8";

        // Without the UTF-8 flag an extractor may read the name as code page 437 (Python's zipfile does), another name than this one.
        if ((flags & Utf8NameFlag) == 0 && name.ContainsAnyExceptInRange((byte)0, (byte)0x7F)) return "it has non-ASCII bytes but is not marked as UTF-8";
        return null;
    }

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private readonly record struct End(long Count, long Size, long Offset, long Position);

    /// <summary>Finds the end record (and the zip64 one it points to): the entry count, the directory's size and offset, and where the record that follows the directory starts.</summary>
    private static async Task<End?> ReadEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        long length = stream.Length;
        if (length < EndOfDirectorySize) return null;

        int tailLength = (int)Math.Min(length, Zip64LocatorSize + EndOfDirectorySize + ushort.MaxValue);
        byte[] tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            long tailStart = length - tailLength;
            stream.Position = tailStart;
            await stream.ReadExactlyAsync(tail.AsMemory(0, tailLength), cancellationToken).ConfigureAwait(false);

            for (int at = tailLength - EndOfDirectorySize; at >= 0; at--)
            {
                ReadOnlySpan<byte> record = tail.AsSpan(at, EndOfDirectorySize);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != EndOfDirectorySignature) continue;
                if (at + EndOfDirectorySize + BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) > tailLength) continue; // a signature inside a comment

                if (BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) != 0) return null; // split across disks
                long count = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
                long size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
                long offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
                bool wantsZip64 = count == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue;
                if (at >= Zip64LocatorSize && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorSize)) == Zip64LocatorSignature)
                {
                    ulong zip64At = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - Zip64LocatorSize + 8));
                    return await ReadZip64EndAsync(stream, zip64At, tailStart + at - Zip64LocatorSize, cancellationToken).ConfigureAwait(false);
                }

                return wantsZip64 ? null : new End(count, size, offset, tailStart + at);
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    private static async Task<End?> ReadZip64EndAsync(Stream stream, ulong position, long locatorPosition, CancellationToken cancellationToken)
    {
        if (position > (ulong)Math.Max(0, locatorPosition - Zip64EndOfDirectorySize)) return null;

        byte[] record = new byte[Zip64EndOfDirectorySize];
        stream.Position = (long)position;
        await stream.ReadExactlyAsync(record, cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfDirectorySignature) return null;

        return new End(
            Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32))),
            Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40))),
            Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48))),
            (long)position);
    }
}
