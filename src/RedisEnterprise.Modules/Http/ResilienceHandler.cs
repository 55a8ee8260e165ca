
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RedisEnterprise.Modules.Diagnostics;

namespace RedisEnterprise.Modules.Http;

/// <summary>
/// Sends GET requests through the resilience pipeline (retries with backoff and jitter, <c>Retry-After</c>, attempt
/// timeout). POST and DELETE pass straight through: a repeated upload could answer <c>module_exists</c>.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get) return base.SendAsync(request, cancellationToken);

        return pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).AsTask();
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    /// <summary>The default pipeline from the options, or the one they carry.</summary>
    internal static ResiliencePipeline<HttpResponseMessage> PipelineFor(RedisEnterpriseModulesClientOptions options, ILogger logger)
    {
        if (options.ResiliencePipeline is { } custom) return custom;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            TimeProvider time = options.TimeProvider;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    HttpRequestMessage? request = args.Outcome.Result?.RequestMessage;
                    string reason = args.Outcome.Exception is { } e ? e.GetType().Name : ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Log.Retrying(logger, request?.Method.Method ?? "GET", ErrorMap.PathOf(request), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                    return default;
                },
            });
        }

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan) builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Worth another try: no answer, an attempt timeout, 408, 429, or 5xx but 501 and 505.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => IsTransient((int)response.StatusCode),
        _ => false,
    };

    internal static bool IsTransient(int status) => status is 408 or 429 || (status >= 500 && status is not 501 and not 505);

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter) return null;
        TimeSpan? delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } value && value > TimeSpan.Zero ? value : null;
    }
}
