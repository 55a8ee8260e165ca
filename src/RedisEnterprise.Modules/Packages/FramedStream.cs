namespace RedisEnterprise.Modules.Packages;

/// <summary>Reads <paramref name="prefix"/>, then <paramref name="body"/> to its end, then <paramref name="suffix"/>.</summary>
internal sealed class FramedStream(ReadOnlyMemory<byte> prefix, Stream body, ReadOnlyMemory<byte> suffix) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;
    private ReadOnlyMemory<byte> _suffix = suffix;
    private bool _bodyDone;

    public override int Read(Span<byte> buffer)
    {
        if (!_prefix.IsEmpty) return Take(ref _prefix, buffer);
        if (!_bodyDone && buffer.Length > 0)
        {
            int read = body.Read(buffer);
            if (read > 0) return read;
            _bodyDone = true;
        }

        return Take(ref _suffix, buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_prefix.IsEmpty) return Take(ref _prefix, buffer.Span);
        if (!_bodyDone && buffer.Length > 0)
        {
            int read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0) return read;
            _bodyDone = true;
        }

        return Take(ref _suffix, buffer.Span);
    }

    private static int Take(ref ReadOnlyMemory<byte> part, Span<byte> buffer)
    {
        int count = Math.Min(part.Length, buffer.Length);
        part.Span[..count].CopyTo(buffer);
        part = part[count..];
        return count;
    }
}
