namespace RedisEnterprise.Modules;

using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Operations;

/// <summary>
/// A cluster action followed to its end, like Azure's <c>Operation&lt;T&gt;</c>. Returned by the <c>Start…</c> methods,
/// or made from a stored <c>action_uid</c> to resume following it (in another process, or a later run).
/// </summary>
/// <example>
/// <code>
/// ActionOperation operation = await client.StartDeleteModuleAsync(uid);
/// File.WriteAllText("pending-action", operation.ActionUid);      // resume later with:
/// var resumed = new ActionOperation(client, File.ReadAllText("pending-action"));
/// ActionInfo final = await resumed.WaitForCompletionAsync();
/// </code>
/// </example>
public class ActionOperation
{
    private readonly OperationPolling _polling = null!;
    private ActionInfo? _lastStatus;

    /// <summary>Follows an existing action: resume from a stored <paramref name="actionUid"/>.</summary>
    /// <param name="client">The client of the cluster that runs the action.</param>
    /// <param name="actionUid">The action's unique ID.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="actionUid"/> is null, empty or whitespace.</exception>
    public ActionOperation(IRedisEnterpriseModulesClient client, string actionUid)
    {
        ArgumentNullException.ThrowIfNull(client);
        UidRules.ThrowIfInvalid(actionUid, nameof(actionUid));
        Client = client;
        ActionUid = actionUid;
        _polling = client.Polling ?? OperationPolling.Default; // a mock's unset property is null
    }

    /// <summary>For mocking.</summary>
    protected ActionOperation()
    {
        ActionUid = string.Empty;
    }

    /// <summary>
    /// An operation that has already completed, for work the cluster does not track with an action (the user-defined module
    /// requests of Redis Software 8): <see cref="ActionUid"/> is empty and waiting returns <paramref name="completed"/> at once.
    /// </summary>
    private protected ActionOperation(IRedisEnterpriseModulesClient client, ActionInfo completed)
    {
        Client = client;
        ActionUid = string.Empty;
        _polling = client.Polling ?? OperationPolling.Default;
        _lastStatus = completed;
    }

    /// <summary>The status of work that completed without an action to follow.</summary>
    internal static ActionInfo CompletedWithoutAction(string name) => new() { ActionUid = string.Empty, Name = name, RawStatus = "completed", Progress = 100 };

    /// <summary>An operation that has already completed, for a deletion the cluster does not track with an action.</summary>
    internal static ActionOperation Completed(IRedisEnterpriseModulesClient client, string name) => new(client, CompletedWithoutAction(name));

    /// <summary>The action's unique ID: store it to resume following the action later.</summary>
    public virtual string ActionUid { get; }

    /// <summary>The status seen at the last poll, or <see langword="null"/> before the first.</summary>
    public virtual ActionInfo? LastStatus => _lastStatus;

    /// <summary>Whether the action has ended (completed, failed, cancelled or aborted) as of the last poll.</summary>
    public virtual bool HasCompleted => _lastStatus?.IsTerminal ?? false;

    /// <summary>The client of the cluster that runs the action.</summary>
    private protected IRedisEnterpriseModulesClient Client { get; } = null!;

    /// <summary>Receives each polled status; set by the SDK from <see cref="UploadModuleOptions.ActionProgress"/>.</summary>
    internal IProgress<ActionInfo>? StatusProgress { get; init; }

    /// <summary>Polls the action once (<c>GET /v1/actions/{action_uid}</c>) and returns its status; never throws for a failed action.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>The current status.</returns>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error or about another action, or could not be reached.</exception>
    public virtual async Task<ActionInfo> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        ActionInfo status = await Client.GetActionAsync(ActionUid, cancellationToken).ConfigureAwait(false);
        if (status.ActionUid is { } other && !string.Equals(other, ActionUid, StringComparison.Ordinal))
        {
            // Never taken for this action's status (a completion, say): a proxy's cache or a broken cluster answered for another.
            throw new RedisEnterpriseException($"Polling action {ActionUid} failed: the cluster answered about action '{ErrorDetails.Bounded(other)}' instead.", 200);
        }

        _lastStatus = status;
        return status;
    }

    /// <summary>Polls until the action ends, with the client's polling interval and backoff (<see cref="IRedisEnterpriseModulesClient.Polling"/>).</summary>
    /// <param name="cancellationToken">Stops waiting at once; the action goes on in the cluster.</param>
    /// <returns>The final status of a completed action.</returns>
    /// <exception cref="ActionFailedException">The action ended failed, cancelled or aborted.</exception>
    /// <exception cref="TimeoutException">The client's <see cref="RedisEnterpriseModulesClientOptions.OperationTimeout"/> passed; the message names the action and its last status.</exception>
    /// <exception cref="ActionNotFoundException">The cluster does not know the action (for good).</exception>
    public virtual Task<ActionInfo> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitAsync(null, cancellationToken);

    /// <summary>Polls at a fixed interval until the action ends.</summary>
    /// <param name="pollingInterval">The interval between polls.</param>
    /// <param name="cancellationToken">Stops waiting at once; the action goes on in the cluster.</param>
    /// <returns>The final status of a completed action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollingInterval"/> is not positive.</exception>
    /// <exception cref="ActionFailedException">The action ended failed, cancelled or aborted.</exception>
    /// <exception cref="TimeoutException">The client's operation timeout passed.</exception>
    public virtual Task<ActionInfo> WaitForCompletionAsync(TimeSpan pollingInterval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollingInterval, TimeSpan.Zero);
        return WaitAsync(pollingInterval, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => _lastStatus?.ToString() ?? $"action {ActionUid} (not polled yet)";

    private Task<ActionInfo> WaitAsync(TimeSpan? fixedInterval, CancellationToken cancellationToken) =>
        RedisEnterpriseModulesTelemetry.TraceAsync("WaitForCompletion", null, ActionUid, _ => PollToEndAsync(fixedInterval, cancellationToken));

    private async Task<ActionInfo> PollToEndAsync(TimeSpan? fixedInterval, CancellationToken cancellationToken)
    {
        ActionInfo final = _lastStatus is { IsTerminal: true } known
            ? known
            : await ActionPoller.PollUntilTerminalAsync(
                ActionUid,
                UpdateStatusAsync,
                fixedInterval is { } every ? _polling.WithFixedInterval(every) : _polling,
                StatusProgress,
                () => _lastStatus,
                cancellationToken).ConfigureAwait(false);

        return final.Status == ActionStatus.Completed ? final : throw new ActionFailedException(final);
    }
}
