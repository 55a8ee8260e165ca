namespace RedisEnterprise.Modules;

/// <summary>
/// The base of every error the SDK reports about a call to the cluster: an HTTP error answer
/// (<see cref="Status"/> and, when the cluster sent one, <see cref="ErrorCode"/>), a body that is not what
/// the endpoint promises, or a transport failure (<see cref="RedisEnterpriseConnectionException"/>, status 0).
/// </summary>
/// <remarks>Messages name the HTTP method and path; they never contain credentials.</remarks>
public class RedisEnterpriseException : Exception
{
    /// <summary>Creates an exception with the given details (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="status">The HTTP status code, or 0 when no answer was received.</param>
    /// <param name="errorCode">The cluster's <c>error_code</c>, if any.</param>
    /// <param name="serverMessage">The cluster's <c>message</c> or <c>description</c>, if any.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public RedisEnterpriseException(string message, int status = 0, string? errorCode = null, string? serverMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
    }

    internal RedisEnterpriseException(ErrorDetails details, string? explanation = null, Exception? innerException = null)
        : this(details.Describe(explanation), details.Status, details.ErrorCode, details.ServerMessage, innerException)
    {
        Method = details.Method;
        Path = details.Path;
    }

    /// <summary>The HTTP status code of the answer; 0 when no answer was received.</summary>
    public int Status { get; }

    /// <summary>The cluster's <c>error_code</c> (e.g. <c>module_exists</c>), when the answer carried one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The cluster's explanation (<c>message</c> or <c>description</c>), when the answer carried one.</summary>
    public string? ServerMessage { get; }

    /// <summary>The HTTP method of the failed request, e.g. <c>POST</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The path of the failed request, e.g. <c>/v2/modules</c> (never a query string or credentials).</summary>
    public string? Path { get; init; }
}

/// <summary>No answer came from the cluster: connection refused, DNS, TLS handshake, reset, or timeout. <see cref="RedisEnterpriseException.Status"/> is 0.</summary>
public class RedisEnterpriseConnectionException : RedisEnterpriseException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The transport failure.</param>
    public RedisEnterpriseConnectionException(string message, Exception? innerException = null) : base(message, 0, null, null, innerException) { }

    /// <summary>Whether the TLS handshake failed because the cluster's certificate was not accepted (retrying cannot help).</summary>
    internal bool IsTlsFailure { get; init; }
}

/// <summary>401: the username or password is wrong or missing.</summary>
public class AuthenticationFailedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public AuthenticationFailedException(string message) : base(message, 401) { }

    internal AuthenticationFailedException(ErrorDetails details)
        : base(details, "The cluster rejected the credentials: check Username and Password.") { }
}

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

/// <summary>404 on a module's get or delete: there is no module with that uid.</summary>
public class ModuleNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="uid">The module uid that was not found.</param>
    public ModuleNotFoundException(string message, string? uid = null) : base(message, 404) => Uid = uid;

    internal ModuleNotFoundException(ErrorDetails details, string? uid)
        : base(details, $"There is no module with uid '{uid}'.") => Uid = uid;

    /// <summary>The module uid that was not found.</summary>
    public string? Uid { get; }
}

/// <summary><c>no_module</c>: the upload carried no module file, or it could not be found.</summary>
public class ModuleFileMissingException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleFileMissingException(string message) : base(message, 400, "no_module") { }

    internal ModuleFileMissingException(ErrorDetails details) : base(details, "The module wasn't provided or could not be found.") { }
}

/// <summary><c>invalid_module</c>: the module is corrupted or its packaged files are wrong.</summary>
public class InvalidModuleException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public InvalidModuleException(string message) : base(message, 400, "invalid_module") { }

    internal InvalidModuleException(ErrorDetails details) : base(details, "The module is corrupted or its packaged files are wrong.") { }
}

/// <summary><c>module_exists</c>: the cluster already has this module (same name and version).</summary>
public class ModuleAlreadyExistsException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleAlreadyExistsException(string message) : base(message, 400, "module_exists") { }

    internal ModuleAlreadyExistsException(ErrorDetails details) : base(details, "The module is already in the cluster.") { }
}

/// <summary><c>min_redis_pack_version</c>: the module needs a newer Redis Enterprise Software version.</summary>
public class IncompatibleClusterVersionException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public IncompatibleClusterVersionException(string message) : base(message, 400, "min_redis_pack_version") { }

    internal IncompatibleClusterVersionException(ErrorDetails details) : base(details, "The module isn't supported yet by this cluster's version.") { }
}

/// <summary><c>unsupported_module_capabilities</c>: the module does not support capabilities the cluster requires.</summary>
public class UnsupportedModuleCapabilitiesException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public UnsupportedModuleCapabilitiesException(string message) : base(message, 400, "unsupported_module_capabilities") { }

    internal UnsupportedModuleCapabilitiesException(ErrorDetails details) : base(details, "The module does not support the required capabilities.") { }
}

/// <summary><c>os_not_supported</c>: the module was not built for the cluster's operating system.</summary>
public class UnsupportedOperatingSystemException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public UnsupportedOperatingSystemException(string message) : base(message, 400, "os_not_supported") { }

    internal UnsupportedOperatingSystemException(ErrorDetails details) : base(details, "The module is not supported on this cluster's operating system.") { }
}

/// <summary><c>dependencies_not_supported</c>: a v1 endpoint was used for a module with dependencies; use the v2 endpoint.</summary>
public class DependenciesNotSupportedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependenciesNotSupportedException(string message) : base(message, 400, "dependencies_not_supported") { }

    internal DependenciesNotSupportedException(ErrorDetails details) : base(details, "The v1 endpoint does not support modules with dependencies; use the v2 methods (UploadModuleAsync, DeleteModuleAsync).") { }
}

/// <summary><c>invalid_dependency_data</c>: the module's dependencies have an unexpected format.</summary>
public class InvalidDependencyDataException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public InvalidDependencyDataException(string message) : base(message, 400, "invalid_dependency_data") { }

    internal InvalidDependencyDataException(ErrorDetails details) : base(details, "The module's dependencies have an unexpected format.") { }
}

/// <summary>404 on <c>POST /v2/modules</c>: a dependency of the module was not found.</summary>
public class DependencyNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependencyNotFoundException(string message) : base(message, 404) { }

    internal DependencyNotFoundException(ErrorDetails details) : base(details, "A dependency of the module was not found.") { }
}

/// <summary>500 on <c>POST /v2/modules</c>: the cluster failed to get a dependency of the module.</summary>
public class DependencyDownloadException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependencyDownloadException(string message) : base(message, 500) { }

    internal DependencyDownloadException(ErrorDetails details) : base(details, "The cluster failed to get a dependency of the module.") { }
}

/// <summary>
/// 405 on a module upload or delete: the cluster (Redis Software 8 or later) no longer manages modules
/// through <c>/v1|v2/modules</c>; it manages them differently (user-defined modules under <c>/v2/modules/user-defined</c>).
/// </summary>
public class ModuleManagementNotSupportedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleManagementNotSupportedException(string message) : base(message, 405) { }

    internal ModuleManagementNotSupportedException(ErrorDetails details)
        : base(details, "This cluster (Redis Software 8 or later) manages modules differently: uploading and deleting through /v1|v2/modules was removed (module management moved to /v2/modules/user-defined).") { }
}
