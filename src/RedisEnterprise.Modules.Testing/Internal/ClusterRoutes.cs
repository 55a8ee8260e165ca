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
    private static readonly RouteRules ClusterChange = new(RemovedInRedisSoftware8: false);
    private static readonly RouteRules UserDefinedChange = new(RemovedInRedisSoftware8: false, AddedInRedisSoftware8: true);
    private static readonly RouteRules UserDefinedRead = new(RemovedInRedisSoftware8: false, AddedInRedisSoftware8: true, ReadsOnly: true);

    /// <summary>Maps the routes of one node's listener: the <c>/v2/local/…</c> requests act on <paramref name="node"/>.</summary>
    internal static void Map(IEndpointRouteBuilder routes, ClusterState cluster, FakeNode node)
    {
        routes.MapGet("/v1/cluster", Answer(cluster, _ => cluster.GetCluster()));
        routes.MapPut("/v1/cluster", async context => await ClusterAnswer.WriteAsync(context, cluster, cluster.SetCluster(await BodyAsync(context).ConfigureAwait(false))).ConfigureAwait(false)).WithMetadata(ClusterChange);
        routes.MapGet("/v1/nodes", Answer(cluster, _ => cluster.ListNodes()));
        routes.MapPost("/v2/modules/user-defined", async context => await ClusterAnswer.WriteAsync(context, cluster, cluster.CreateUserDefined(await BodyAsync(context).ConfigureAwait(false))).ConfigureAwait(false)).WithMetadata(UserDefinedChange);
        routes.MapDelete("/v2/modules/user-defined/{uid}", Answer(cluster, context => cluster.DeleteUserDefined(Uid(context)))).WithMetadata(UserDefinedChange);
        routes.MapGet("/v2/local/modules/user-defined/artifacts", Answer(cluster, _ => cluster.ListArtifacts(node.Uid))).WithMetadata(UserDefinedRead);
        routes.MapPost("/v2/local/modules/user-defined/artifacts", context => UploadArtifactAsync(context, cluster, node)).WithMetadata(UserDefinedChange);
        routes.MapDelete(
            "/v2/local/modules/user-defined/artifacts/{module_name}/{version}",
            Answer(cluster, context => cluster.DeleteArtifact(node.Uid, (string)context.GetRouteValue("module_name")!, (string)context.GetRouteValue("version")!))).WithMetadata(UserDefinedChange);

        routes.MapGet("/v1/modules", Answer(cluster, _ => cluster.ListModules()));
        routes.MapPost("/v1/modules", context => UploadAsync(context, cluster, v1: true)).WithMetadata(LegacyModuleChange);
        routes.MapGet("/v1/modules/{uid}", Answer(cluster, context => cluster.GetModule(Uid(context))));
        routes.MapDelete("/v1/modules/{uid}", Answer(cluster, context => cluster.DeleteV1(Uid(context)))).WithMetadata(LegacyModuleChange);
        routes.MapPost("/v2/modules", context => UploadAsync(context, cluster, v1: false)).WithMetadata(LegacyModuleChange);
        routes.MapDelete("/v2/modules/{uid}", Answer(cluster, context => cluster.DeleteV2(Uid(context)))).WithMetadata(LegacyModuleChange);
        routes.MapGet("/v1/bdbs", Answer(cluster, context => cluster.ListDatabases(context.Request.Query["fields"])));
        routes.MapGet("/v1/bdbs/{uid}", Answer(cluster, context => cluster.GetDatabase(Uid(context), context.Request.Query["fields"])));
        routes.MapPost("/v1/bdbs/{uid}/upgrade", async context => await ClusterAnswer.WriteAsync(
            context,
            cluster,
            cluster.UpgradeDatabase(Uid(context), await BodyAsync(context).ConfigureAwait(false), string.Equals(context.Request.Query["dry_run"], "true", StringComparison.OrdinalIgnoreCase))).ConfigureAwait(false)).WithMetadata(ClusterChange);
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

    private static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task UploadArtifactAsync(HttpContext context, ClusterState cluster, FakeNode node)
    {
        FakeResponse answer = cluster.RefuseArtifactUpload(node.Uid) ?? await ReadArtifactAsync(context, cluster, node).ConfigureAwait(false);
        await ClusterAnswer.WriteAsync(context, cluster, answer).ConfigureAwait(false);
    }

    private static async Task<FakeResponse> ReadArtifactAsync(HttpContext context, ClusterState cluster, FakeNode node)
    {
        (FileStream? package, ClusterError? notMultipart) = await ModuleUploadReader.SpoolAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (package is null) return notMultipart!.ToResponse();
        await using (package.ConfigureAwait(false))
        {
            (FakeModule? module, ClusterError? invalid) = ModulePackageReader.Read(package, allowDependencies: true);
            return invalid?.ToResponse() ?? cluster.AcceptArtifact(node.Uid, module!);
        }
    }

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
