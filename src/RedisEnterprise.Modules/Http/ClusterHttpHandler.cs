using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RedisEnterprise.Modules.Diagnostics;

namespace RedisEnterprise.Modules.Http;

/// <summary>
/// Builds the transport the client talks to the cluster through, the same with or without dependency injection:
/// logging → resilience (GETs only) → the primary handler with the TLS choice.
/// </summary>
internal static class ClusterHttpHandler
{
    /// <summary>The SDK's logger for the options (a no-op one when they name no logger factory).</summary>
    internal static ILogger LoggerFor(RedisEnterpriseModulesClientOptions options) =>
        (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);

    /// <summary>The whole chain, for a client that owns its connection.</summary>
    internal static HttpMessageHandler CreateHandlerChain(RedisEnterpriseModulesClientOptions options)
    {
        ILogger logger = LoggerFor(options);
        return new LoggingHandler(logger, options.TimeProvider)
        {
            InnerHandler = new ResilienceHandler(ResilienceHandler.PipelineFor(options, logger))
            {
                InnerHandler = CreatePrimaryHandler(options, logger),
            },
        };
    }

    /// <summary>The primary handler: the options' TLS choice, no automatic redirects (credentials never follow a redirect), pooled connections.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler(RedisEnterpriseModulesClientOptions options, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            Expect100ContinueTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
        };

        if (options.SkipCertificateValidation) Log.CertificateValidationSkipped(logger, options.Endpoint);
        if (ClusterCertificateValidator.For(options) is { } validator)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>The <c>Basic</c> token for the credentials, sent preemptively on every request.</summary>
    internal static string BasicToken(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
}
