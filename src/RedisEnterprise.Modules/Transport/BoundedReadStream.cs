using RedisEnterprise.Modules.Packages;

namespace RedisEnterprise.Modules.Transport;

/// <summary>A body read through this stream ends in <see cref="LimitExceededException"/> once it passes the limit: no answer fills memory.</summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : ReadOnlyStream
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new LimitExceededException() : read;
    }

    /// <summary>The body passed the limit.</summary>
    internal sealed class LimitExceededException : Exception;
}
