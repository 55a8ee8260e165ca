using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using RedisEnterprise.Modules.Diagnostics;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The one description of the handlers a client talks to the cluster through, with or without dependency injection:
/// logging → resilience (GETs only) → the primary handler with the TLS choice. Credentials are added by Refit.
/// </summary>
internal static class HandlerChain
{
    /// <summary>The SDK's logger for the options (a no-op one when they name no logger factory).</summary>
    internal static ILogger LoggerFor(RedisEnterpriseModulesClientOptions options) =>
        (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);

    /// <summary>The whole chain, for a client that owns its connection.</summary>
    internal static HttpMessageHandler Create(RedisEnterpriseModulesClientOptions options) =>
        Wrap(CreatePrimaryHandler(options), CreateDelegatingHandlers(options));

    /// <summary>
    /// The chain for one node's own address (Redis Software 8 stores a module's package on each node): the same handlers and
    /// TLS choice as the cluster endpoint's, the certificate's name checked against the cluster endpoint's host, and the
    /// node's uid in the log lines.
    /// </summary>
    internal static HttpMessageHandler CreateForNode(RedisEnterpriseModulesClientOptions options, int nodeUid) =>
        Wrap(CreatePrimaryHandler(options, ClusterCertificateValidator.ForNode(options)), CreateDelegatingHandlers(options, nodeUid));

    private static HttpMessageHandler Wrap(HttpMessageHandler primary, IReadOnlyList<DelegatingHandler> handlers)
    {
        HttpMessageHandler inner = primary;
        for (int i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }

    /// <summary>The handlers before the primary one, outermost first.</summary>
    internal static IReadOnlyList<DelegatingHandler> CreateDelegatingHandlers(RedisEnterpriseModulesClientOptions options) =>
        CreateDelegatingHandlers(options, nodeUid: null);

    private static IReadOnlyList<DelegatingHandler> CreateDelegatingHandlers(RedisEnterpriseModulesClientOptions options, int? nodeUid)
    {
        ILogger logger = LoggerFor(options);
        var logging = new LoggingHandler(logger, options.TimeProvider) { NodeUid = nodeUid };
        if (options.ResiliencePipeline is null && options.MaxRetries == 0 && options.AttemptTimeout == Timeout.InfiniteTimeSpan) return [logging]; // nothing to run
        ResiliencePipeline<HttpResponseMessage> pipeline = options.ResiliencePipeline ?? DefaultPipeline(options, logger);

        // POST and DELETE skip the pipeline altogether (not only its retries, as DisableForUnsafeHttpMethods would): an upload
        // must not meet the attempt timeout, and a repeated one could answer module_exists.
        return
        [
            logging,
            new ResilienceHandler(request => request.Method == HttpMethod.Get ? pipeline : ResiliencePipeline<HttpResponseMessage>.Empty),
        ];
    }

    /// <summary>The primary handler: the options' TLS choice, no automatic redirects (credentials never follow a redirect), pooled connections.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler(RedisEnterpriseModulesClientOptions options) =>
        CreatePrimaryHandler(options, ClusterCertificateValidator.For(options));

    private static SocketsHttpHandler CreatePrimaryHandler(RedisEnterpriseModulesClientOptions options, ClusterCertificateValidator? validator)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            Expect100ContinueTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            UseProxy = options.UseProxy,
            Proxy = options.Proxy,
        };

        if (options.SkipCertificateValidation) Log.CertificateValidationSkipped(LoggerFor(options), options.Endpoint);
        if (validator is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>Retries with exponential backoff and jitter, <c>Retry-After</c> honoured, then the attempt timeout; from the options.</summary>
    private static ResiliencePipeline<HttpResponseMessage> DefaultPipeline(RedisEnterpriseModulesClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = static args => ValueTask.FromResult(TransientRule.IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    HttpRequestMessage? request = args.Context.GetRequestMessage();
                    string reason = args.Outcome.Exception is { } e ? e.GetType().Name : ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                    Log.Retrying(logger, request?.Method.Method ?? "GET", RequestRoute.PathOf(request), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                    return default;
                },
            };

            // A Retry-After past MaxRetryAfter is cut to it (the library would wait as long as any header asks, days included).
            Func<Polly.Retry.RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>> retryAfter = retry.DelayGenerator!;
            TimeSpan cap = options.MaxRetryAfter;
            retry.DelayGenerator = async args =>
            {
                TimeSpan? delay = await retryAfter(args).ConfigureAwait(false);
                return delay > cap ? cap : delay;
            };
            builder.AddRetry(retry);
        }

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan) builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }
}
