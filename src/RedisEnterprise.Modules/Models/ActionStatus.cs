namespace RedisEnterprise.Modules;

/// <summary>The state of a cluster action, as reported in its <c>status</c> field.</summary>
public enum ActionStatus
{
    /// <summary>A status this version of the SDK does not know; the raw text is in <see cref="ActionInfo.RawStatus"/>.</summary>
    Unknown = 0,

    /// <summary>Waiting to start.</summary>
    Queued,

    /// <summary>Starting.</summary>
    Starting,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Waiting on something before it can go on.</summary>
    Pending,

    /// <summary>Active (state machines).</summary>
    Active,

    /// <summary>Being cancelled.</summary>
    Cancelling,

    /// <summary>Cancelled (terminal).</summary>
    Cancelled,

    /// <summary>Aborted (terminal).</summary>
    Aborted,

    /// <summary>Completed successfully (terminal).</summary>
    Completed,

    /// <summary>Failed (terminal).</summary>
    Failed,
}
