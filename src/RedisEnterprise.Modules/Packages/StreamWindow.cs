namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// A read-only, seekable view of <paramref name="length"/> bytes of a seekable stream from <paramref name="start"/>: position 0
/// of the window is <paramref name="start"/> of the stream. .NET has such a stream only as an internal of System.IO.Compression.
/// </summary>
internal sealed class StreamWindow(Stream stream, long start, long length) : ReadOnlyStream
{
    private long _position;

    public override bool CanSeek => true;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override int Read(Span<byte> buffer)
    {
        int count = Prepare(buffer.Length);
        if (count == 0) return 0;
        int read = stream.Read(buffer[..count]);
        _position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int count = Prepare(buffer.Length);
        if (count == 0) return 0;
        int read = await stream.ReadAsync(buffer[..count], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    /// <summary>Moves the stream to the window's position (only when it is elsewhere: a buffered stream keeps its buffer) and returns how much may be read.</summary>
    private int Prepare(int wanted)
    {
        long remaining = length - _position;
        if (remaining <= 0 || wanted == 0) return 0;
        if (stream.Position != start + _position) stream.Position = start + _position;
        return (int)Math.Min(wanted, remaining);
    }
}
