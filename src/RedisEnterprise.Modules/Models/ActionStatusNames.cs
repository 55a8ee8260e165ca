namespace RedisEnterprise.Modules.Models;

internal static class ActionStatusNames
{
    internal static ActionStatus Parse(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "queued" => ActionStatus.Queued,
        "starting" => ActionStatus.Starting,
        "running" => ActionStatus.Running,
        "pending" => ActionStatus.Pending,
        "active" => ActionStatus.Active,
        "cancelling" or "canceling" => ActionStatus.Cancelling,
        "cancelled" or "canceled" => ActionStatus.Cancelled,
        "aborted" => ActionStatus.Aborted,
        "completed" => ActionStatus.Completed,
        "failed" => ActionStatus.Failed,
        _ => ActionStatus.Unknown,
    };
}
