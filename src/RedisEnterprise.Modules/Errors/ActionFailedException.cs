using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>An action the SDK waited for ended <c>failed</c>, <c>cancelled</c> or <c>aborted</c>. <see cref="Action"/> is its last status.</summary>
public class ActionFailedException : RedisEnterpriseException
{
    /// <summary>Creates the exception for an action's final status.</summary>
    /// <param name="action">The action's last status.</param>
    public ActionFailedException(ActionInfo action)
        : base(Describe(action), 0, ErrorDetails.Bounded(action?.ErrorCode), ErrorDetails.Bounded(action?.ErrorMessage))
    {
        Action = action!;
    }

    /// <summary>The action's last status, with its error code and message in full (the exception's own text keeps an excerpt of long ones).</summary>
    public ActionInfo Action { get; }

    private static string Describe(ActionInfo action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string detail = (ErrorDetails.Bounded(action.ErrorCode), ErrorDetails.Bounded(action.ErrorMessage)) switch
        {
            (null, null) => "The cluster gave no reason.",
            ({ } code, null) => $"Error: {code}.",
            (null, { } message) => $"Error: {message}",
            ({ } code, { } message) => $"Error: {code}: {message}",
        };
        return $"Action {ErrorDetails.Bounded(action.ActionUid)}{(action.Name is null ? string.Empty : $" ({ErrorDetails.Bounded(action.Name)})")} ended {ErrorDetails.Bounded(action.RawStatus)}. {detail}";
    }
}
