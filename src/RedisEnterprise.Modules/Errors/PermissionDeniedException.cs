using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>403: the user's role lacks the permission the endpoint needs.</summary>
public class PermissionDeniedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="requiredPermission">The permission the endpoint needs.</param>
    public PermissionDeniedException(string message, string? requiredPermission = null) : base(message, 403) => RequiredPermission = requiredPermission;

    internal PermissionDeniedException(ErrorDetails details, string? requiredPermission)
        : base(details, requiredPermission is null ? "The user's role lacks the permission this endpoint needs." : $"The user's role lacks the '{requiredPermission}' permission this endpoint needs.")
        => RequiredPermission = requiredPermission;

    /// <summary>The documented permission the endpoint needs, e.g. <c>update_cluster</c> (admin role).</summary>
    public string? RequiredPermission { get; }
}
