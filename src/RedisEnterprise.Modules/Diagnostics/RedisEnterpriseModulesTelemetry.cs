using System.Diagnostics;

namespace RedisEnterprise.Modules;

/// <summary>
/// The SDK's <see cref="ActivitySource"/>: one span per SDK call (list, get, upload, delete, wait), tagged with the module
/// name, uid and action uid; the HTTP client's spans nest under it.
/// </summary>
public static class RedisEnterpriseModulesTelemetry
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: listen to it (e.g. OpenTelemetry's <c>AddSource</c>).</summary>
    public const string ActivitySourceName = "RedisEnterprise.Modules";

    /// <summary>The tag holding the module's name.</summary>
    public const string ModuleNameTag = "redis_enterprise.module.name";

    /// <summary>The tag holding the module's uid.</summary>
    public const string ModuleUidTag = "redis_enterprise.module.uid";

    /// <summary>The tag holding the action's uid.</summary>
    public const string ActionUidTag = "redis_enterprise.action.uid";

    /// <summary>The tag holding the uid of the node a request went to at its own address (Redis Software 8's per-node requests).</summary>
    public const string NodeUidTag = "redis_enterprise.node.uid";

    /// <summary>The tag holding whether a compatibility check found the package fit for the cluster.</summary>
    public const string ModuleCompatibleTag = "redis_enterprise.module.compatible";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(RedisEnterpriseModulesTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Runs one SDK call inside its span; a failure marks the span as an error with the exception's type.</summary>
    internal static async Task<T> TraceAsync<T>(string operation, string? moduleUid, string? actionUid, Func<Activity?, Task<T>> call)
    {
        using Activity? activity = Start(operation, moduleUid, actionUid);
        try
        {
            return await call(activity).ConfigureAwait(false);
        }
        catch (Exception e) when (activity is not null)
        {
            Fail(activity, e);
            throw;
        }
    }

    /// <summary>Starts the span of one SDK call (<see langword="null"/> when nobody listens), tagged with what the call names.</summary>
    internal static Activity? Start(string operation, string? moduleUid, string? actionUid)
    {
        Activity? activity = Source.StartActivity(operation, ActivityKind.Internal);
        if (activity is not null)
        {
            if (moduleUid is not null) activity.SetTag(ModuleUidTag, moduleUid);
            if (actionUid is not null) activity.SetTag(ActionUidTag, actionUid);
        }

        return activity;
    }

    /// <summary>Marks the span as an error with the exception's type.</summary>
    internal static void Fail(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
    }

    internal static void TagModule(Activity? activity, ModuleInfo? module)
    {
        if (activity is null || module is null) return;
        activity.SetTag(ModuleNameTag, module.ModuleName);
        activity.SetTag(ModuleUidTag, module.Uid);
        if (module.ActionUid is not null) activity.SetTag(ActionUidTag, module.ActionUid);
    }
}
