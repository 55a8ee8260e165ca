namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>The bytes of <paramref name="content"/> as a stream that cannot seek or tell its length, as a pipe; it records its disposal.</summary>
internal sealed class NonSeekableStream(byte[] content) : MemoryStream(content, writable: false)
{
    public bool Disposed { get; private set; }

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
