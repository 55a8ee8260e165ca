using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// The REST API the fake serves, one line per route, each mapped onto an operation of <see cref="ClusterState"/>.
/// Plain <see cref="RequestDelegate"/>s, not minimal-API parameter binding, so nothing here needs reflection.
/// </summary>
internal static class ClusterRoutes
{
    private static readonly RouteRules LegacyModuleChange = new(RemovedInRedisSoftware8: true);

    internal static void Map(IEndpointRouteBuilder routes, ClusterState cluster)
    {
        routes.MapGet("/v1/modules", Answer(cluster, _ => cluster.ListModules()));
        routes.MapPost("/v1/modules", context => UploadAsync(context, cluster, v1: true)).WithMetadata(LegacyModuleChange);
        routes.MapGet("/v1/modules/{uid}", Answer(cluster, context => cluster.GetModule(Uid(context))));
        routes.MapDelete("/v1/modules/{uid}", Answer(cluster, context => cluster.DeleteV1(Uid(context)))).WithMetadata(LegacyModuleChange);
        routes.MapPost("/v2/modules", context => UploadAsync(context, cluster, v1: false)).WithMetadata(LegacyModuleChange);
        routes.MapDelete("/v2/modules/{uid}", Answer(cluster, context => cluster.DeleteV2(Uid(context)))).WithMetadata(LegacyModuleChange);
        routes.MapGet("/v1/actions/{uid}", Answer(cluster, context => cluster.GetAction(Uid(context), v1: true)));
        routes.MapGet("/v2/actions/{uid}", Answer(cluster, context => cluster.GetAction(Uid(context), v1: false)));
    }

    /// <summary>The answer when no route matched: 404 for an unknown path, 405 for a known path with another method.</summary>
    internal static FakeResponse? Unrouted(HttpContext context) => context.Response.StatusCode switch
    {
        404 => FakeResponse.Error(404, "not_found", $"There is no route {context.Request.Path} on this fake cluster."),
        405 => FakeResponse.Error(405, "method_not_allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}."),
        _ => null,
    };

    private static RequestDelegate Answer(ClusterState cluster, Func<HttpContext, FakeResponse> operation) =>
        context => ClusterAnswer.WriteAsync(context, cluster, operation(context));

    private static string Uid(HttpContext context) => (string)context.GetRouteValue("uid")!;

    private static async Task UploadAsync(HttpContext context, ClusterState cluster, bool v1)
    {
        FakeResponse answer = cluster.TakeUploadFailure() ?? await ReadPackageAsync(context, cluster, v1).ConfigureAwait(false);
        await ClusterAnswer.WriteAsync(context, cluster, answer).ConfigureAwait(false);
    }

    private static async Task<FakeResponse> ReadPackageAsync(HttpContext context, ClusterState cluster, bool v1)
    {
        (FileStream? package, ClusterError? notMultipart) = await ModuleUploadReader.SpoolAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (package is null) return notMultipart!.ToResponse();
        await using (package.ConfigureAwait(false))
        {
            (FakeModule? module, ClusterError? invalid) = ModulePackageReader.Read(package, allowDependencies: !v1);
            return invalid?.ToResponse() ?? cluster.AcceptUpload(module!, v1);
        }
    }
}
