using System.Buffers.Binary;
using System.IO.Compression;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// A deflated entry's content, checked to be exactly what the directory declares. .NET's <see cref="DeflateStream"/> says neither
/// where the deflate data ended nor whether it ended at all (data cut short just stops), so the data is read as a gzip member
/// instead: a gzip header, the entry's compressed bytes, a trailer of the declared CRC-32 and size (zlib checks both when the
/// deflate data ends), then a second, one-byte gzip member. That byte comes out right after the declared size only when the
/// deflate data ends exactly at the declared compressed size with the declared CRC; anything else is refused, and
/// output past the declared size is handed on for the caller to stop at.
/// </summary>
internal sealed class DeflatedEntryStream : ReadOnlyStream
{
    private const byte Marker = (byte)'!';
    private static readonly byte[] GzipHeader = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    private static readonly byte[] MarkerMember = GzipOf(Marker);

    private readonly GZipStream _gzip;
    private readonly long _length;
    private readonly byte[] _tail = new byte[2];
    private long _produced;
    private bool _ended;

    internal DeflatedEntryStream(Stream compressed, long length, uint crc)
    {
        byte[] suffix = new byte[8 + MarkerMember.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(suffix, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(suffix.AsSpan(4), unchecked((uint)length));
        MarkerMember.CopyTo(suffix, 8);
        _gzip = new GZipStream(new FramedStream(GzipHeader, compressed, suffix), CompressionMode.Decompress);
        _length = length;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        try
        {
            if (_produced < _length) return Produced(_gzip.Read(buffer[..Want(buffer.Length)]));

            int tail = _gzip.ReadAtLeast(_tail, _tail.Length, throwOnEndOfStream: false);
            return End(tail, buffer);
        }
        catch (InvalidDataException)
        {
            throw Mismatch();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_ended || buffer.IsEmpty) return 0;
        try
        {
            if (_produced < _length) return Produced(await _gzip.ReadAsync(buffer[..Want(buffer.Length)], cancellationToken).ConfigureAwait(false));

            int tail = await _gzip.ReadAtLeastAsync(_tail, _tail.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return End(tail, buffer.Span);
        }
        catch (InvalidDataException)
        {
            throw Mismatch();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    private int Want(int room) => (int)Math.Min(room, _length - _produced);

    private int Produced(int read)
    {
        if (read == 0) _ended = true; // cut short: the caller sees fewer bytes than declared
        _produced += read;
        return read;
    }

    /// <summary>At the declared size: only the marker, then the end, may follow; more output is handed on as the entry's.</summary>
    private int End(int tail, Span<byte> buffer)
    {
        _ended = true;
        if (tail == 1 && _tail[0] == Marker) return 0;
        if (tail == 0) throw Mismatch();
        int count = Math.Min(tail, buffer.Length);
        _tail.AsSpan(0, count).CopyTo(buffer);
        return count;
    }

    private static InvalidDataException Mismatch() =>
        new("its deflate data does not match its declared CRC-32 and size, or does not end at its declared compressed size.");

    private static byte[] GzipOf(byte content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.WriteByte(content);
        return buffer.ToArray();
    }
}
