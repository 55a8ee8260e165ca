using RedisEnterprise.Modules.Diagnostics;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Operations;

/// <summary>
/// The one polling loop every long-running call shares: backoff from the polling interval up to the maximum,
/// the operation timeout counted from the first poll, a few 404s tolerated before the action is first seen
/// (it may not be visible yet), and transient failures (5xx, 408, 429, connection trouble) retried.
/// </summary>
internal static class ActionPoller
{
    internal const int MaxEarlyNotFound = 5;
    internal const int MaxConsecutiveTransientFailures = 10;
    private const double Backoff = 1.5;

    internal static async Task<ActionInfo> PollUntilTerminalAsync(
        string actionUid,
        Func<CancellationToken, Task<ActionInfo>> poll,
        OperationPolling settings,
        IProgress<ActionInfo>? progress,
        Func<ActionInfo?> lastStatus,
        CancellationToken cancellationToken)
    {
        TimeProvider time = settings.TimeProvider;
        long started = time.GetTimestamp();
        TimeSpan interval = settings.Interval;
        int notFound = 0, transient = 0;
        using CancellationTokenSource? stoppable = settings.Stopped.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, settings.Stopped) : null;
        CancellationToken token = stoppable?.Token ?? cancellationToken;

        while (true)
        {
            try
            {
                ActionInfo? previous = lastStatus();
                ActionInfo status = await poll(token).ConfigureAwait(false);
                notFound = transient = 0;
                if (previous is null || previous.RawStatus != status.RawStatus) // Status is derived from RawStatus
                {
                    Log.ActionStatusChanged(settings.Logger, actionUid, status.RawStatus ?? "(no status)", status.Progress is { } p ? $" ({p:0.#}%)" : string.Empty);
                }

                progress?.Report(status);
                if (status.IsTerminal) return status;
            }
            catch (ActionNotFoundException) when (lastStatus() is null && ++notFound <= MaxEarlyNotFound)
            {
                // Right after the POST the action may not be visible yet.
            }
            catch (RedisEnterpriseException e) when (TransientRule.IsTransient(e) && ++transient <= MaxConsecutiveTransientFailures)
            {
                // A GET is safe to repeat; the backoff below spaces the retries.
                Log.PollFailed(settings.Logger, actionUid, e.Message);
            }

            TimeSpan remaining = settings.OperationTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : settings.OperationTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                ActionInfo? last = lastStatus();
                throw new TimeoutException(
                    $"Action {actionUid} did not finish within {settings.OperationTimeout} (OperationTimeout); last status: {(last is null ? "none received" : last.ToString())}. " +
                    "The action goes on in the cluster: resume with new ActionOperation(client, actionUid).");
            }

            TimeSpan wait = interval < remaining ? interval : remaining;
            try
            {
                await Task.Delay(wait, time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (settings.Stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(RedisEnterpriseModulesClient), $"The client was disposed while waiting for action {actionUid}, which goes on in the cluster.");
            }

            interval = TimeSpan.FromTicks(Math.Min((long)(interval.Ticks * Backoff), settings.MaxInterval.Ticks));
        }
    }
}
