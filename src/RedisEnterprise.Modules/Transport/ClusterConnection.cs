using System.Text;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;
using Refit;
using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The way to one cluster address: the Refit clients of its endpoints, sending with its credentials, and every answer read by
/// <see cref="ResponseReader"/>. Refit's and Polly's failures become the SDK's here, at the edge.
/// </summary>
internal sealed class ClusterConnection
{
    private readonly IModulesApi _modules;
    private readonly IActionsApi _actions;
    private readonly long _maxResponseBytes;

    internal ClusterConnection(HttpClient httpClient, RedisEnterpriseModulesClientOptions options)
    {
        _maxResponseBytes = options.MaxResponseBytes;
        string token = BasicToken(options.Username ?? string.Empty, options.Password ?? string.Empty);
        RefitSettings settings = RefitSettings.ForJsonContext(ModulesJsonContext.Default);
        settings.AuthorizationHeaderValueGetter = (_, _) => ValueTask.FromResult(token);
        settings.TransportExceptionFactory = FromSendFailure;
        _modules = RestService.ForGenerated<IModulesApi>(httpClient, settings);
        _actions = RestService.ForGenerated<IActionsApi>(httpClient, settings);
    }

    internal async Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default) =>
        await Read(await _modules.ListModulesAsync(cancellationToken).ConfigureAwait(false), ModulesJsonContext.Default.IReadOnlyListModuleInfo, cancellationToken).ConfigureAwait(false);

    internal async Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default) =>
        await Read(await _modules.GetModuleAsync(uid, cancellationToken).ConfigureAwait(false), ModulesJsonContext.Default.ModuleInfo, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /v2/modules</c>: the accepted module, with the uids to follow it by.</summary>
    internal async Task<ModuleInfo> UploadModuleAsync(StreamPart package, CancellationToken cancellationToken = default) =>
        await ResponseReader.ReadAsync(
            await _modules.UploadModuleAsync(package, cancellationToken).ConfigureAwait(false),
            ModulesJsonContext.Default.ModuleInfo,
            _maxResponseBytes,
            static m => !UidRules.IsUsable(m.ActionUid) ? NoActionUid : !UidRules.IsUsable(m.Uid) ? "the answer has no usable module uid." : null,
            cancellationToken).ConfigureAwait(false);

    internal async Task<ModuleInfo> UploadModuleV1Async(StreamPart package, CancellationToken cancellationToken = default) =>
        await Read(await _modules.UploadModuleV1Async(package, cancellationToken).ConfigureAwait(false), ModulesJsonContext.Default.ModuleInfo, cancellationToken).ConfigureAwait(false);

    /// <summary><c>DELETE /v2/modules/{uid}</c>: the uid of the action that tracks the deletion.</summary>
    internal async Task<string> DeleteModuleAsync(string uid, CancellationToken cancellationToken = default)
    {
        ActionReference reference = await ResponseReader.ReadAsync(
            await _modules.DeleteModuleAsync(uid, cancellationToken).ConfigureAwait(false),
            ModulesJsonContext.Default.ActionReference,
            _maxResponseBytes,
            static r => UidRules.IsUsable(r.ActionUid) ? null : NoActionUid,
            cancellationToken).ConfigureAwait(false);
        return reference.ActionUid!;
    }

    internal async Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default) =>
        await ResponseReader.EnsureSuccessAsync(await _modules.DeleteModuleV1Async(uid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    internal async Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default) =>
        await Read(await _actions.GetActionAsync(actionUid, cancellationToken).ConfigureAwait(false), ModulesJsonContext.Default.ActionInfo, cancellationToken).ConfigureAwait(false);

    /// <summary>The <c>Basic</c> token for the credentials, sent preemptively on every request.</summary>
    internal static string BasicToken(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));

    private const string NoActionUid = "the answer has no usable action_uid to follow.";

    private Task<T> Read<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => ResponseReader.ReadAsync(response, typeInfo, _maxResponseBytes, check: null, cancellationToken);

    /// <summary>Refit's transport exception factory: no answer came back.</summary>
    private static RedisEnterpriseConnectionException FromSendFailure(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken) =>
        ErrorMap.Connection(
            RequestRoute.Of(request),
            exception,
            exception is TimeoutRejectedException ? "No answer within AttemptTimeout, after every retry." : null);
}
