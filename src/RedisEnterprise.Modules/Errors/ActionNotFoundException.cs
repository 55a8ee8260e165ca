using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>404 for an action: it does not exist, or its status expired (for example after a cluster restart).</summary>
public class ActionNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="actionUid">The action that was not found.</param>
    public ActionNotFoundException(string message, string? actionUid = null) : base(message, 404) => ActionUid = actionUid;

    internal ActionNotFoundException(ErrorDetails details, string? actionUid)
        : base(details, $"The cluster does not know action '{actionUid}': it does not exist, or its status expired.") => ActionUid = actionUid;

    /// <summary>The action that was not found.</summary>
    public string? ActionUid { get; }
}
