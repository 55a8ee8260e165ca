using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// What is worth another try, for the GET retries and for action polling alike: no answer (a transport error or an attempt
/// timeout; for polling, not an untrusted certificate), 408, 429, and 5xx but 501 and 505 (which say the request itself will
/// never work).
/// </summary>
internal static class TransientRule
{
    internal static bool IsTransientStatus(int status) => status is 408 or 429 || (status >= 500 && status is not 501 and not 505);

    /// <summary>For the retry strategy: the resilience library's rule for failures without an answer, ours for statuses.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: not null } => HttpClientResiliencePredicates.IsTransient(outcome),
        { Result: { } response } => IsTransientStatus((int)response.StatusCode),
        _ => false,
    };

    /// <summary>For polling: a failed GET of an action that another GET may get past.</summary>
    internal static bool IsTransient(RedisEnterpriseException exception) => exception switch
    {
        RedisEnterpriseConnectionException connection => !connection.IsTlsFailure,
        _ => IsTransientStatus(exception.Status),
    };
}
