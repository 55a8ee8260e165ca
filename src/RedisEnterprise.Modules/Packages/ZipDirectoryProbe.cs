using System.Buffers;
using System.Buffers.Binary;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Reads the entry count a zip declares in its end-of-central-directory record, before <see cref="System.IO.Compression.ZipArchive"/>
/// materialises one object per entry: a hostile count must be refused before that allocation, not after.
/// </summary>
internal static class ZipDirectoryProbe
{
    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndOfDirectorySignature = 0x06064b50;
    private const int EndOfDirectorySize = 22;
    private const int Zip64LocatorSize = 20;
    private const int Zip64EndOfDirectorySize = 56;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>Returns the declared number of entries, or null when the stream has no end-of-central-directory record (not a zip, or truncated).</summary>
    internal static async Task<long?> ReadEntryCountAsync(Stream stream, CancellationToken cancellationToken)
    {
        long length = stream.Length;
        if (length < EndOfDirectorySize) return null;

        int tailLength = (int)Math.Min(length, Zip64LocatorSize + EndOfDirectorySize + MaxCommentLength);
        byte[] tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            stream.Position = length - tailLength;
            await stream.ReadExactlyAsync(tail.AsMemory(0, tailLength), cancellationToken).ConfigureAwait(false);

            for (int at = tailLength - EndOfDirectorySize; at >= 0; at--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndOfDirectorySignature) continue;

                long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
                if (count == ushort.MaxValue && at >= Zip64LocatorSize &&
                    BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorSize)) == Zip64LocatorSignature)
                {
                    ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - Zip64LocatorSize + 8));
                    count = await ReadZip64EntryCountAsync(stream, offset, cancellationToken).ConfigureAwait(false) ?? count;
                }

                return count;
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    private static async Task<long?> ReadZip64EntryCountAsync(Stream stream, ulong offset, CancellationToken cancellationToken)
    {
        if (stream.Length < Zip64EndOfDirectorySize || offset > (ulong)(stream.Length - Zip64EndOfDirectorySize)) return null;

        byte[] record = new byte[Zip64EndOfDirectorySize];
        stream.Position = (long)offset;
        await stream.ReadExactlyAsync(record, cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfDirectorySignature) return null;

        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
        return count > long.MaxValue ? long.MaxValue : (long)count;
    }
}
