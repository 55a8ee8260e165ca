using RedisEnterprise.Modules.Errors;

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
