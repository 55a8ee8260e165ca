using RedisEnterprise.Modules.Diagnostics;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Operations;

/// <summary>
/// The one polling loop every wait shares: backoff from the polling interval up to the maximum, the operation timeout
/// counted from the first poll, transient failures (5xx, 408, 429, connection trouble) retried, and the wait cut short
/// when the client is disposed. An action's poll also tolerates a few 404s before the action is first seen (it may not
/// be visible yet).
/// </summary>
internal static class ActionPoller
{
    internal const int MaxEarlyNotFound = 5;
    internal const int MaxConsecutiveTransientFailures = 10;
    private const double Backoff = 1.5;

    internal static Task<ActionInfo> PollUntilTerminalAsync(
        string actionUid,
        Func<CancellationToken, Task<ActionInfo>> poll,
        OperationPolling settings,
        IProgress<ActionInfo>? progress,
        Func<ActionInfo?> lastStatus,
        CancellationToken cancellationToken)
    {
        int notFound = 0;
        return PollAsync(
            $"action {actionUid}",
            async token =>
            {
                ActionInfo? previous = lastStatus();
                ActionInfo status = await poll(token).ConfigureAwait(false);
                notFound = 0;
                if (previous is null || previous.RawStatus != status.RawStatus) // Status is derived from RawStatus
                {
                    Log.ActionStatusChanged(settings.Logger, actionUid, status.RawStatus ?? "(no status)", status.Progress is { } p ? $" ({p:0.#}%)" : string.Empty);
                }

                progress?.Report(status);
                return (status.IsTerminal, status);
            },
            // Right after the POST the action may not be visible yet.
            e => e is ActionNotFoundException && lastStatus() is null && ++notFound <= MaxEarlyNotFound,
            () =>
            {
                ActionInfo? last = lastStatus();
                throw new TimeoutException(
                    $"Action {actionUid} did not finish within {settings.OperationTimeout} (OperationTimeout); last status: {(last is null ? "none received" : last.ToString())}. " +
                    "The action goes on in the cluster: resume with new ActionOperation(client, actionUid).");
            },
            settings,
            cancellationToken);
    }

    /// <summary>
    /// Polls until <paramref name="poll"/> says done, and returns its value; at <see cref="OperationPolling.OperationTimeout"/>
    /// returns what <paramref name="timedOut"/> returns (or throws).
    /// </summary>
    /// <param name="subject">What is waited for, for the log and the disposal message ("action a1").</param>
    /// <param name="poll">One poll: whether the wait is over, and the value.</param>
    /// <param name="notYet">An error that means "not there yet" rather than a failure.</param>
    /// <param name="timedOut">The outcome at the timeout.</param>
    /// <param name="settings">The intervals, timeout, clock and the client's stop signal.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    internal static async Task<T> PollAsync<T>(
        string subject,
        Func<CancellationToken, Task<(bool Done, T Value)>> poll,
        Func<RedisEnterpriseException, bool> notYet,
        Func<T> timedOut,
        OperationPolling settings,
        CancellationToken cancellationToken)
    {
        TimeProvider time = settings.TimeProvider;
        long started = time.GetTimestamp();
        TimeSpan interval = settings.Interval;
        int transient = 0;
        using CancellationTokenSource? stoppable = settings.Stopped.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, settings.Stopped) : null;
        CancellationToken token = stoppable?.Token ?? cancellationToken;

        while (true)
        {
            try
            {
                (bool done, T value) = await poll(token).ConfigureAwait(false);
                transient = 0;
                if (done) return value;
            }
            catch (OperationCanceledException) when (settings.Stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Disposed(subject);
            }
            catch (RedisEnterpriseException e) when (notYet(e))
            {
            }
            catch (RedisEnterpriseException e) when (TransientRule.IsTransient(e) && ++transient <= MaxConsecutiveTransientFailures)
            {
                // A GET is safe to repeat; the backoff below spaces the retries.
                Log.PollFailed(settings.Logger, subject, e.Message);
            }

            TimeSpan remaining = settings.OperationTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : settings.OperationTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) return timedOut();

            TimeSpan wait = interval < remaining ? interval : remaining;
            try
            {
                await Task.Delay(wait, time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (settings.Stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Disposed(subject);
            }

            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * Backoff), settings.MaxInterval.Ticks));
        }
    }

    private static ObjectDisposedException Disposed(string subject) =>
        new(nameof(RedisEnterpriseModulesClient), $"The client was disposed while waiting for {subject}, which goes on in the cluster.");
}
