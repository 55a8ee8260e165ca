using System.Buffers;
using System.Threading.Channels;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// A forward-only read of blocks handed over through a channel (each rented from <see cref="ArrayPool{T}.Shared"/> and returned
/// here once read): the bytes of one pass over a package, e.g. an upload's as they are sent. Its position is the count read
/// or skipped; it reads asynchronously only, as every reader of a package's entries does.
/// </summary>
internal sealed class BlockStream(ChannelReader<ArraySegment<byte>> blocks) : ReadOnlyStream
{
    private ArraySegment<byte> _block;
    private int _offset;
    private long _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => throw new NotSupportedException("The blocks are read asynchronously.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || !await NextBytesAsync(cancellationToken).ConfigureAwait(false)) return 0;
        int count = Math.Min(buffer.Length, _block.Count - _offset);
        _block.AsSpan(_offset, count).CopyTo(buffer.Span);
        Advance(count);
        return count;
    }

    /// <summary>Moves forward to <paramref name="position"/> without copying (or to the end, when the pass ends first).</summary>
    internal async Task SkipToAsync(long position, CancellationToken cancellationToken)
    {
        while (_position < position && await NextBytesAsync(cancellationToken).ConfigureAwait(false))
        {
            Advance((int)Math.Min(_block.Count - _offset, position - _position));
        }
    }

    /// <summary>Returns every block still handed over, to the end of the pass, so the one handing them over never waits on a reader that is done.</summary>
    internal async Task DrainAsync()
    {
        ReturnBlock();
        await foreach (ArraySegment<byte> block in blocks.ReadAllAsync().ConfigureAwait(false)) ArrayPool<byte>.Shared.Return(block.Array!);
    }

    private void Advance(int count)
    {
        _offset += count;
        _position += count;
    }

    private async ValueTask<bool> NextBytesAsync(CancellationToken cancellationToken)
    {
        while (_offset == _block.Count)
        {
            ReturnBlock();
            if (!await blocks.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return false;
            if (blocks.TryRead(out ArraySegment<byte> next))
            {
                _block = next;
                _offset = 0;
            }
        }

        return true;
    }

    private void ReturnBlock()
    {
        if (_block.Array is { } array) ArrayPool<byte>.Shared.Return(array);
        _block = default;
        _offset = 0;
    }
}
