namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// Cancels when an upload has moved no byte for <see cref="Limit"/>: every block written to the wire starts the count again,
/// so a slow but moving transfer never meets it; after the last block, the answer must come within it.
/// </summary>
internal sealed class StallWatch : IDisposable
{
    private readonly CancellationTokenSource _stalled;

    private StallWatch(TimeSpan limit, TimeProvider time)
    {
        Limit = limit;
        _stalled = new CancellationTokenSource(limit, time);
    }

    internal TimeSpan Limit { get; }

    internal CancellationToken Token => _stalled.Token;

    /// <summary>A watch for the limit, or <see langword="null"/> when there is none (null or infinite).</summary>
    internal static StallWatch? Start(TimeSpan? limit, TimeProvider time) =>
        limit is { } value && value != Timeout.InfiniteTimeSpan ? new StallWatch(value, time) : null;

    internal void BytesMoved() => _stalled.CancelAfter(Limit);

    public void Dispose() => _stalled.Dispose();
}
