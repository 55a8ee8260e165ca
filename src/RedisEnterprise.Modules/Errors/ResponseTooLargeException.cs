using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>
/// An answer's body was longer than <see cref="RedisEnterpriseModulesClientOptions.MaxResponseBytes"/>: the client stopped
/// reading it (a real cluster's answers are far smaller; this is a broken or hostile server, or a proxy's download).
/// </summary>
public class ResponseTooLargeException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="maxResponseBytes">The limit the answer passed.</param>
    /// <param name="status">The answer's HTTP status.</param>
    public ResponseTooLargeException(string message, long maxResponseBytes, int status = 200) : base(message, status) => MaxResponseBytes = maxResponseBytes;

    internal ResponseTooLargeException(CallSite call, int status, long maxResponseBytes, long? declaredBytes)
        : base(
            $"{call.Method} {call.Path} failed: the answer is longer than MaxResponseBytes ({maxResponseBytes:N0} bytes){(declaredBytes is { } declared ? $": it declares {declared:N0}" : string.Empty)}; the client stopped reading it.",
            status)
    {
        Method = call.Method;
        Path = call.Path;
        MaxResponseBytes = maxResponseBytes;
    }

    /// <summary>The limit the answer passed, in bytes.</summary>
    public long MaxResponseBytes { get; }
}
