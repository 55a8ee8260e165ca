using Microsoft.Extensions.Logging;
using RedisEnterprise.Modules.Diagnostics;

namespace RedisEnterprise.Modules.Transport;

/// <summary>Logs one Debug line per request: method, path (never the query or headers), status and elapsed time.</summary>
internal sealed class LoggingHandler(ILogger logger, TimeProvider timeProvider) : DelegatingHandler
{
    /// <summary>The node this handler's connection reaches at its own address; <see langword="null"/> for the cluster endpoint.</summary>
    internal int? NodeUid { get; init; }

    // Not async when nothing logs: a layer that awaits the network costs a state machine per call.
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        logger.IsEnabled(LogLevel.Debug) ? SendLoggedAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendLoggedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        string path = NodeUid is { } node ? $"{RequestRoute.PathOf(request)} on node {node.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({request.RequestUri?.Authority})" : RequestRoute.PathOf(request);
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Log.RequestCompleted(logger, request.Method.Method, path, (int)response.StatusCode, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e)
        {
            Log.RequestFailed(logger, request.Method.Method, path, timeProvider.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name + ": " + e.Message);
            throw;
        }
    }
}
