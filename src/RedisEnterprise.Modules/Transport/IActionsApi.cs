using Refit;

namespace RedisEnterprise.Modules.Transport;

/// <summary>The action endpoint that an <c>action_uid</c> points at, declared for Refit's source generator.</summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IActionsApi
{
    /// <summary><c>GET /v1/actions/{action_uid}</c>: one action; 404 when it does not exist or has expired.</summary>
    [Get(Routes.ActionV1)]
    Task<HttpResponseMessage> GetActionAsync(string actionUid, CancellationToken cancellationToken);
}
