using System.Buffers;
using System.Threading.Channels;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// One pass over a package's bytes, handed over block by block by whoever reads them (an upload as it sends them), and checked
/// by a <see cref="SequentialCheck"/> on a task of its own: hashing and inflating run beside the sending, which waits only when
/// the check falls <see cref="Capacity"/> blocks behind, so memory stays bounded.
/// </summary>
internal sealed class PackagePass : IAsyncDisposable
{
    internal const int Capacity = 8;

    private readonly Channel<ArraySegment<byte>> _blocks = Channel.CreateBounded<ArraySegment<byte>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TaskCompletionSource<List<ModulePackageProblem>> _verdict = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _checking;

    internal PackagePass(SequentialCheck check) => _checking = Task.Run(() => CheckAsync(check));

    /// <summary>Whether the check has already found a problem, so the pass may stop early.</summary>
    internal bool HasFailed => _verdict.Task.IsCompletedSuccessfully && _verdict.Task.Result.Count > 0;

    /// <summary>Hands over the next <paramref name="count"/> bytes, in a block rented from <see cref="ArrayPool{T}.Shared"/> that the pass returns.</summary>
    internal async ValueTask AddAsync(byte[] rentedBlock, int count, CancellationToken cancellationToken)
    {
        try
        {
            await _blocks.Writer.WriteAsync(new ArraySegment<byte>(rentedBlock, 0, count), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rentedBlock);
            throw;
        }
    }

    /// <summary>Ends the pass and returns every problem the check found.</summary>
    internal Task<List<ModulePackageProblem>> FinishAsync()
    {
        _blocks.Writer.TryComplete();
        return _verdict.Task;
    }

    /// <summary>Ends the pass (if not yet) and waits for the check to let go of every block.</summary>
    public async ValueTask DisposeAsync()
    {
        _blocks.Writer.TryComplete();
        await _checking.ConfigureAwait(false);
        _ = _verdict.Task.Exception; // a check that failed while nobody waited for its verdict (the send ended first) is observed here
    }

    private async Task CheckAsync(SequentialCheck check)
    {
        var pass = new BlockStream(_blocks.Reader);
        try
        {
            _verdict.TrySetResult(await check.CheckAsync(pass, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            _verdict.TrySetException(e);
        }
        finally
        {
            await pass.DrainAsync().ConfigureAwait(false);
        }
    }
}
