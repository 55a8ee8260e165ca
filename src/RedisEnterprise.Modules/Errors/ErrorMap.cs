using System.Security.Authentication;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Errors;

/// <summary>
/// The one table from (method, route, status, <c>error_code</c>) to the exception a caller catches, and the wording of
/// failures without an answer and of answers that are not what the endpoint promises. It knows no HTTP library's types:
/// the transport hands it plain facts.
/// </summary>
internal static class ErrorMap
{
    /// <summary>How much of an error body is read: enough for any real error, bounded against hostile ones.</summary>
    internal const int MaxErrorBodyChars = 64 * 1024;

    private static readonly Dictionary<string, Func<ErrorDetails, RedisEnterpriseException>> ByErrorCode = new(StringComparer.Ordinal)
    {
        [RedisEnterpriseErrorCodes.NoModule] = d => new ModuleFileMissingException(d),
        [RedisEnterpriseErrorCodes.InvalidModule] = d => new InvalidModuleException(d),
        [RedisEnterpriseErrorCodes.ModuleExists] = d => new ModuleAlreadyExistsException(d),
        [RedisEnterpriseErrorCodes.MinRedisPackVersion] = d => new IncompatibleClusterVersionException(d),
        [RedisEnterpriseErrorCodes.UnsupportedModuleCapabilities] = d => new UnsupportedModuleCapabilitiesException(d),
        [RedisEnterpriseErrorCodes.OsNotSupported] = d => new UnsupportedOperatingSystemException(d),
        [RedisEnterpriseErrorCodes.DependenciesNotSupported] = d => new DependenciesNotSupportedException(d),
        [RedisEnterpriseErrorCodes.InvalidDependencyData] = d => new InvalidDependencyDataException(d),
        [RedisEnterpriseErrorCodes.ModulesUploadDisabled] = d => new ModuleUploadDisabledException(d),
        [RedisEnterpriseErrorCodes.ModuleInUse] = d => new ModuleInUseException(d),
        [RedisEnterpriseErrorCodes.DbNotExist] = d => new DatabaseNotFoundException(d, DatabaseUidOf(d.Path)),
        [RedisEnterpriseErrorCodes.ModuleDowngradeUnsupported] = d => new ModuleDowngradeNotSupportedException(d),
        [RedisEnterpriseErrorCodes.UpgradeBdbFailed] = d => new DatabaseUpgradeFailedException(d, DatabaseUidOf(d.Path)),
        [RedisEnterpriseErrorCodes.RedisUpgradePolicyMismatch] = d => new DatabaseUpgradeFailedException(d, DatabaseUidOf(d.Path)),
        [RedisEnterpriseErrorCodes.RedisIncompatibleVersion] = d => new IncompatibleClusterVersionException(d),
        [RedisEnterpriseErrorCodes.RedisPackIncompatibleVersion] = d => new IncompatibleClusterVersionException(d),
        [RedisEnterpriseErrorCodes.MissingModule] = d => new ModuleNotFoundException(d, uid: null),
    };

    /// <summary>The <c>error_code</c> values that decide the exception's type whatever the status.</summary>
    internal static IReadOnlyCollection<string> KnownErrorCodes => ByErrorCode.Keys;

    internal static RedisEnterpriseException Map(ErrorDetails details)
    {
        if (details.ErrorCode is { } code && ByErrorCode.TryGetValue(code, out var create)) return create(details);

        HttpMethod method = new(details.Method);
        return details.Status switch
        {
            401 => new AuthenticationFailedException(details),
            403 => new PermissionDeniedException(details, Routes.RequiredPermission(method, details.RouteTemplate)),
            404 when Routes.IsSingleModule(details.RouteTemplate) => new ModuleNotFoundException(details, LastSegments(details.Path, Routes.IsArtifact(details.RouteTemplate) ? 2 : 1)),
            404 when Routes.IsSingleDatabase(details.RouteTemplate) => new DatabaseNotFoundException(details, DatabaseUidOf(details.Path)),
            404 when Routes.IsAction(details.RouteTemplate) => new ActionNotFoundException(details, LastSegments(details.Path, 1)),
            404 when Routes.IsUpload(method, details.RouteTemplate) => new DependencyNotFoundException(details),
            500 when Routes.IsUpload(method, details.RouteTemplate) => new DependencyDownloadException(details),
            405 when Routes.IsModuleChange(method, details.RouteTemplate) => new ModuleManagementNotSupportedException(details),
            _ => new RedisEnterpriseException(details),
        };
    }

    /// <summary>An error answer: its status, and what its body says once the credentials are taken out.</summary>
    internal static RedisEnterpriseException FromAnswer(CallSite call, int status, string? reasonPhrase, string? body, Redaction redaction)
    {
        // Redacted before any excerpt is cut from it, and again after parsing (a JSON escape can spell a secret).
        var (code, message, excerpt) = ErrorDetails.ParseBody(redaction.Apply(body));
        return Map(new ErrorDetails(call.Method, call.Path, call.RouteTemplate, status, redaction.Apply(reasonPhrase), redaction.Apply(code), redaction.Apply(message), redaction.Apply(excerpt)));
    }

    /// <summary>A success answer whose body is not the JSON the endpoint promises.</summary>
    internal static RedisEnterpriseException FromUnreadableBody(CallSite call, int status, string? reasonPhrase, Exception exception, Redaction redaction)
    {
        var details = new ErrorDetails(call.Method, call.Path, call.RouteTemplate, status, redaction.Apply(reasonPhrase), null, null, null);
        string reason = redaction.Apply(exception.Message)!;
        Exception inner = reason == exception.Message ? exception : new System.Text.Json.JsonException(reason); // the original quotes a credential
        return new RedisEnterpriseException(details, $"The answer's body is not the JSON this endpoint promises: {ErrorDetails.Excerpt(reason)}", inner);
    }

    /// <summary>A success answer that lacks what the endpoint promises (a body, a usable uid).</summary>
    internal static RedisEnterpriseException Protocol(CallSite call, int status, string problem) =>
        new($"{call.Method} {call.Path} failed: {problem}", status) { Method = call.Method, Path = call.Path };

    /// <summary>No whole answer came back; <paramref name="what"/> overrides the description the exception's type gives.</summary>
    internal static RedisEnterpriseConnectionException Connection(CallSite call, Exception exception, string? what = null)
    {
        bool tls = IsTlsFailure(exception);
        what ??= exception switch
        {
            _ when tls => "The TLS handshake failed: the cluster's certificate is not trusted. Trust the cluster's CA or certificate with TrustedCertificates, pin it with CertificateThumbprint (SHA-256), or, for a test cluster only, set SkipCertificateValidation.",
            TimeoutException => $"No answer in time ({exception.Message}).",
            OperationCanceledException => "The request timed out.",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError } => "The cluster could not be reached.",
            HttpRequestException or IOException => "The connection broke before a whole answer arrived.",
            _ => "The cluster could not be reached.",
        };
        string detail = Innermost(exception).Message;
        return new RedisEnterpriseConnectionException($"{call.Method} {call.Path} failed: {what} ({detail})", exception) { Method = call.Method, Path = call.Path, IsTlsFailure = tls };
    }

    /// <summary>The last <paramref name="count"/> segments of a path, unescaped: a uid, or an artifact's <c>module_name/version</c>.</summary>
    private static string? LastSegments(string path, int count)
    {
        int start = path.Length;
        for (int i = 0; i < count && start > 0; i++) start = path.LastIndexOf('/', start - 1);
        return start < 0 ? Uri.UnescapeDataString(path) : string.Join('/', path[(start + 1)..].Split('/').Select(Uri.UnescapeDataString));
    }

    /// <summary>The database uid of a <c>/v1/bdbs/{uid}…</c> path; <see langword="null"/> for another path.</summary>
    private static int? DatabaseUidOf(string path)
    {
        const string prefix = Routes.Databases + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        string segment = path[prefix.Length..].Split('/')[0];
        return int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int uid) ? uid : null;
    }

    private static bool IsTlsFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException) return true;
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        Exception e = exception;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
