namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// Cancels when an upload has moved no byte for <see cref="Limit"/>: every block written to the wire starts the count again,
/// so a slow but moving transfer never meets it; after the last block, the answer must come within it. A wait for the
/// upload's own package check is not a stall of the connection, so the count stops for it (<see cref="Pause"/>).
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

    /// <summary>Starts the count again: after a block was written, and when a <see cref="Pause"/> ends.</summary>
    internal void Restart() => _stalled.CancelAfter(Limit);

    /// <summary>Stops the count until the next <see cref="Restart"/>.</summary>
    internal void Pause() => _stalled.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose() => _stalled.Dispose();
}
