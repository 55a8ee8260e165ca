using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// What every request of a listener goes through, in the order a cluster applies it: the response delay, the
/// scripted transient failures, Basic authentication, the rules of a changing route, then the route itself.
/// </summary>
internal static class ClusterPipeline
{
    internal static void Configure(WebApplication app, ClusterState cluster, FakeNode node, CancellationToken stopping)
    {
        app.Use((context, next) =>
        {
            ClusterAnswer.CountBody(context);
            cluster.OnRequestArrived();
            return next(context);
        });
        app.UseStatusCodePages(async statusContext =>
        {
            if (ClusterRoutes.Unrouted(statusContext.HttpContext) is { } answer) await ClusterAnswer.WriteAsync(statusContext.HttpContext, cluster, answer).ConfigureAwait(false);
        });
        app.Use(async (context, next) =>
        {
            if (await DelayAsync(context, cluster.Options.ResponseDelay, stopping).ConfigureAwait(false)) await next(context).ConfigureAwait(false);
            else await ClusterAnswer.WriteAsync(context, cluster, FakeResponse.Error(503, "service_unavailable", "The cluster is shutting down.")).ConfigureAwait(false);
        });
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (Refusal(context, cluster) is { } refusal) await ClusterAnswer.WriteAsync(context, cluster, refusal).ConfigureAwait(false);
            else await next(context).ConfigureAwait(false);
        });
        ClusterRoutes.Map(app, cluster, node);
    }

    /// <summary>Waits out the response delay; false when the cluster stopped (or the client left) during it.</summary>
    private static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay, CancellationToken stopping)
    {
        if (delay <= TimeSpan.Zero) return true;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
        try
        {
            await Task.Delay(delay, ended.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static FakeResponse? Refusal(HttpContext context, ClusterState cluster)
    {
        if (cluster.TakeFlakyRequest() is { } flaky) return flaky;
        (ClusterRole? role, FakeResponse? unauthorized) = cluster.Authenticate(context.Request.Headers.Authorization);
        if (unauthorized is not null) return unauthorized;
        return context.GetEndpoint()?.Metadata.GetMetadata<RouteRules>() is { } rules ? cluster.RefuseChange(role!.Value, rules) : null;
    }
}
