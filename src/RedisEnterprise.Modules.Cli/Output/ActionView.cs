namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>An action as the JSON output shows it; <c>status</c> is the cluster's own word (queued, running, completed, failed, ...).</summary>
internal sealed record ActionView(string? ActionUid, string? Name, string? Status, double? Progress, string? ObjectName, string? ErrorCode, string? ErrorMessage)
{
    public static ActionView From(ActionInfo action) =>
        new(action.ActionUid, action.Name, action.RawStatus, action.Progress, action.ObjectName, action.ErrorCode, action.ErrorMessage);
}
