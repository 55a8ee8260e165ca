using System.Net;
using System.Security.Authentication;
using System.Text;
using Refit;
using RedisEnterprise.Modules.Api;

namespace RedisEnterprise.Modules;

/// <summary>
/// The one table from (method, route, status, <c>error_code</c>) to the exception a caller catches, and the
/// translation of transport failures and unreadable bodies. Refit calls in here for every request.
/// </summary>
internal static class ErrorMap
{
    /// <summary>How much of an error body is read: enough for any real error, bounded against hostile ones.</summary>
    internal const int MaxErrorBodyChars = 64 * 1024;

    private static readonly Dictionary<string, Func<ErrorDetails, RedisEnterpriseException>> ByErrorCode = new(StringComparer.Ordinal)
    {
        ["no_module"] = d => new ModuleFileMissingException(d),
        ["invalid_module"] = d => new InvalidModuleException(d),
        ["module_exists"] = d => new ModuleAlreadyExistsException(d),
        ["min_redis_pack_version"] = d => new IncompatibleClusterVersionException(d),
        ["unsupported_module_capabilities"] = d => new UnsupportedModuleCapabilitiesException(d),
        ["os_not_supported"] = d => new UnsupportedOperatingSystemException(d),
        ["dependencies_not_supported"] = d => new DependenciesNotSupportedException(d),
        ["invalid_dependency_data"] = d => new InvalidDependencyDataException(d),
    };

    /// <summary>The documented error codes the map turns into their own exception types.</summary>
    internal static IReadOnlyCollection<string> DocumentedErrorCodes => ByErrorCode.Keys;

    internal static RedisEnterpriseException Map(ErrorDetails details)
    {
        if (details.ErrorCode is { } code && ByErrorCode.TryGetValue(code, out var create)) return create(details);

        HttpMethod method = new(details.Method);
        return details.Status switch
        {
            401 => new AuthenticationFailedException(details),
            403 => new PermissionDeniedException(details, Routes.RequiredPermission(method, details.RouteTemplate)),
            404 when Routes.IsSingleModule(details.RouteTemplate) => new ModuleNotFoundException(details, LastSegment(details.Path)),
            404 when details.RouteTemplate is Routes.ActionV1 or Routes.ActionV2 => new ActionNotFoundException(details, LastSegment(details.Path)),
            404 when details.RouteTemplate == Routes.ModulesV2 && method == HttpMethod.Post => new DependencyNotFoundException(details),
            500 when details.RouteTemplate == Routes.ModulesV2 && method == HttpMethod.Post => new DependencyDownloadException(details),
            405 when Routes.IsModuleChange(method, details.RouteTemplate) => new ModuleManagementNotSupportedException(details),
            _ => new RedisEnterpriseException(details),
        };
    }

    /// <summary>Refit's exception factory: <see langword="null"/> for success, the mapped exception otherwise.</summary>
    internal static async ValueTask<Exception?> FromResponseAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return null;
        string? body = await ReadBoundedAsync(response.Content).ConfigureAwait(false);
        var (code, message, excerpt) = ErrorDetails.ParseBody(body);
        string[] secrets = SecretsOf(response.RequestMessage);
        return Map(Describe(response.RequestMessage, (int)response.StatusCode, Redact(response.ReasonPhrase, secrets), Redact(code, secrets), Redact(message, secrets), Redact(excerpt, secrets)));
    }

    /// <summary>Refit's deserialization exception factory: a success answer whose body is not the JSON the endpoint promises.</summary>
    internal static ValueTask<Exception?> FromUnreadableBody(HttpResponseMessage response, Exception exception)
    {
        if (exception is HttpRequestException or IOException)
        {
            // The body broke off (a reset, a close before Content-Length, bad chunk framing): no whole answer came back.
            return ValueTask.FromResult<Exception?>(Connection(response.RequestMessage?.Method.Method ?? "?", PathOf(response.RequestMessage), exception));
        }

        string[] secrets = SecretsOf(response.RequestMessage);
        ErrorDetails details = Describe(response.RequestMessage, (int)response.StatusCode, Redact(response.ReasonPhrase, secrets), null, null, null);
        string reason = Redact(exception.Message, secrets)!;
        Exception inner = reason == exception.Message ? exception : new System.Text.Json.JsonException(reason); // the original quotes a credential
        var error = new RedisEnterpriseException(
            details,
            $"The answer's body is not the JSON this endpoint promises: {ErrorDetails.Excerpt(reason)}",
            inner);
        return ValueTask.FromResult<Exception?>(error);
    }

    /// <summary>Refit's transport exception factory: no answer came back.</summary>
    internal static Exception FromTransportFailure(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested) return exception;
        return Connection(request.Method.Method, PathOf(request), exception);
    }

    internal static RedisEnterpriseConnectionException Connection(string method, string path, Exception exception)
    {
        bool tls = IsTlsFailure(exception);
        string what = exception switch
        {
            _ when tls => "The TLS handshake failed: the cluster's certificate is not trusted. Trust the cluster's CA or certificate with TrustedCertificates, pin it with CertificateThumbprint (SHA-256), or, for a test cluster only, set SkipCertificateValidation.",
            TimeoutException => $"No answer in time ({exception.Message}).",
            Polly.Timeout.TimeoutRejectedException => "No answer within AttemptTimeout, after every retry.",
            OperationCanceledException => "The request timed out.",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError } => "The cluster could not be reached.",
            HttpRequestException or IOException => "The connection broke before a whole answer arrived.",
            _ => "The cluster could not be reached.",
        };
        string detail = Innermost(exception).Message;
        return new RedisEnterpriseConnectionException($"{method} {path} failed: {what} ({detail})", exception) { Method = method, Path = path, IsTlsFailure = tls };
    }

    internal static ErrorDetails Describe(HttpRequestMessage? request, int status, string? reasonPhrase, string? errorCode, string? serverMessage, string? bodyExcerpt)
    {
        string? template = null;
        request?.Options.TryGetValue(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.RelativePathTemplate), out template);
        return new ErrorDetails(request?.Method.Method ?? "?", PathOf(request), template, status, reasonPhrase, errorCode, serverMessage, bodyExcerpt);
    }

    internal static string PathOf(HttpRequestMessage? request) =>
        request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request?.RequestUri?.OriginalString.Split('?')[0] ?? "?";

    private static string? LastSegment(string path)
    {
        int slash = path.LastIndexOf('/');
        return Uri.UnescapeDataString(slash < 0 ? path : path[(slash + 1)..]);
    }

    /// <summary>
    /// The credentials a request carried: its Basic token and the password inside it (when 4 characters or more: a shorter
    /// one cannot be told from ordinary text), also as a JSON string spells it. An answer that echoes them (a proxy quoting
    /// the request's headers, say) must not put them in an exception.
    /// </summary>
    private static string[] SecretsOf(HttpRequestMessage? request)
    {
        if (request?.Headers.Authorization is not { Parameter: { Length: > 0 } token }) return [];
        string? password = null;
        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            password = pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        catch (FormatException)
        {
            // Not a Basic token: only the token itself is secret.
        }

        if (password is null || password.Length < 4) return [token];
        string inJson = password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return [token, password, inJson];
    }

    private static string? Redact(string? text, string[] secrets)
    {
        if (text is null) return null;
        foreach (string secret in secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
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

    private static async Task<string?> ReadBoundedAsync(HttpContent? content)
    {
        if (content is null) return null;
        try
        {
            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            // Rented: 64 K chars would be a large-object allocation on every error answer, retried 503s included.
            char[] buffer = System.Buffers.ArrayPool<char>.Shared.Rent(MaxErrorBodyChars);
            try
            {
                int total = 0, read;
                while (total < MaxErrorBodyChars && (read = await reader.ReadAsync(buffer.AsMemory(total, MaxErrorBodyChars - total)).ConfigureAwait(false)) > 0) total += read;
                return new string(buffer, 0, total);
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
        {
            return null; // The status code still tells what happened.
        }
    }
}
