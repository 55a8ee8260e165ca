namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when the code under test starts waiting, so a test advances time exactly when a
/// poll is waiting: polling runs without real waits and without races.
/// </summary>
internal sealed class SteppingTime : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(DateTimeOffset.UnixEpoch.AddYears(55));
    private readonly SemaphoreSlim _timersCreated = new(0);
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _dueTimes = new();

    private readonly List<TimeSpan> _advances = [];

    internal TimeSpan TotalAdvanced { get; private set; }

    /// <summary>Each step <see cref="Drive{T}"/> advanced the clock by, in order: the waits the code started.</summary>
    internal IReadOnlyList<TimeSpan> Advances => _advances;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime == Timeout.InfiniteTimeSpan) return timer; // a disarmed timer (e.g. a pooled CancellationTokenSource): nothing waits on it

        _dueTimes.Enqueue(dueTime);
        _timersCreated.Release();
        return timer;
    }

    /// <summary>Runs <paramref name="task"/> to its end, advancing the clock by exactly each wait the code starts.</summary>
    internal async Task<T> Drive<T>(Task<T> task)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a broken loop fails instead of hanging
        while (true)
        {
            Task waiting = _timersCreated.WaitAsync(guard.Token);
            if (await Task.WhenAny(task, waiting).ConfigureAwait(false) == task)
            {
                await guard.CancelAsync().ConfigureAwait(false); // withdraw the pending wait, so it takes no later signal
                return await task.ConfigureAwait(false);
            }

            await waiting.ConfigureAwait(false);
            _dueTimes.TryDequeue(out TimeSpan due);
            _fake.Advance(due);
            TotalAdvanced += due;
            _advances.Add(due);
        }
    }

    internal Task Drive(Task task) => Drive(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));
}
