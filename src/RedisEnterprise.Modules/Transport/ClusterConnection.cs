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
    private readonly IClusterApi _cluster;
    private readonly IUserDefinedModulesApi _userDefined;
    private readonly IDatabasesApi _databases;
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
        _cluster = RestService.ForGenerated<IClusterApi>(httpClient, settings);
        _userDefined = RestService.ForGenerated<IUserDefinedModulesApi>(httpClient, settings);
        _databases = RestService.ForGenerated<IDatabasesApi>(httpClient, settings);
    }

    internal Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default) =>
        Read(_modules.ListModulesAsync(cancellationToken), ModulesJsonContext.Default.IReadOnlyListModuleInfo, cancellationToken);

    internal Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default) =>
        Read(_modules.GetModuleAsync(uid, cancellationToken), ModulesJsonContext.Default.ModuleInfo, cancellationToken);

    /// <summary><c>POST /v2/modules</c>: the accepted module, with the uids to follow it by.</summary>
    internal Task<ModuleInfo> UploadModuleAsync(StreamPart package, CancellationToken cancellationToken = default) =>
        ResponseReader.ReadAsync(
            _modules.UploadModuleAsync(package, cancellationToken),
            ModulesJsonContext.Default.ModuleInfo,
            _maxResponseBytes,
            static m => !UidRules.IsUsable(m.ActionUid) ? NoActionUid : !UidRules.IsUsable(m.Uid) ? NoModuleUid : null,
            cancellationToken);

    internal Task<ModuleInfo> UploadModuleV1Async(StreamPart package, CancellationToken cancellationToken = default) =>
        Read(_modules.UploadModuleV1Async(package, cancellationToken), ModulesJsonContext.Default.ModuleInfo, cancellationToken);

    /// <summary><c>DELETE /v2/modules/{uid}</c>: the uid of the action that tracks the deletion.</summary>
    internal async Task<string> DeleteModuleAsync(string uid, CancellationToken cancellationToken = default)
    {
        ActionReference reference = await ResponseReader.ReadAsync(
            _modules.DeleteModuleAsync(uid, cancellationToken),
            ModulesJsonContext.Default.ActionReference,
            _maxResponseBytes,
            static r => UidRules.IsUsable(r.ActionUid) ? null : NoActionUid,
            cancellationToken).ConfigureAwait(false);
        return reference.ActionUid!;
    }

    internal Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default) =>
        ResponseReader.EnsureSuccessAsync(_modules.DeleteModuleV1Async(uid, cancellationToken), cancellationToken);

    internal Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default) =>
        Read(_actions.GetActionAsync(actionUid, cancellationToken), ModulesJsonContext.Default.ActionInfo, cancellationToken);

    internal Task<ClusterInfo> GetClusterAsync(CancellationToken cancellationToken = default) =>
        Read(_cluster.GetClusterAsync(cancellationToken), ModulesJsonContext.Default.ClusterInfo, cancellationToken);

    internal Task SetModuleUploadsAsync(bool allowed, CancellationToken cancellationToken = default) =>
        ResponseReader.EnsureSuccessAsync(_cluster.SetModuleUploadsAsync(new ModuleUploadSetting { AllowModulesUpload = allowed }, cancellationToken), cancellationToken);

    internal Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        Read(_cluster.ListNodesAsync(cancellationToken), ModulesJsonContext.Default.IReadOnlyListNodeInfo, cancellationToken);

    /// <summary><c>POST /v2/modules/user-defined</c>: the module object the cluster created.</summary>
    internal Task<ModuleInfo> CreateUserDefinedModuleAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken = default) =>
        ResponseReader.ReadAsync(
            _userDefined.CreateModuleAsync(metadata, cancellationToken),
            ModulesJsonContext.Default.ModuleInfo,
            _maxResponseBytes,
            static m => UidRules.IsUsable(m.Uid) ? null : NoModuleUid,
            cancellationToken);

    internal Task DeleteUserDefinedModuleAsync(string uid, CancellationToken cancellationToken = default) =>
        ResponseReader.EnsureSuccessAsync(_userDefined.DeleteModuleAsync(uid, cancellationToken), cancellationToken);

    internal Task<IReadOnlyList<ModuleArtifact>> ListArtifactsAsync(CancellationToken cancellationToken = default) =>
        Read(_userDefined.ListArtifactsAsync(cancellationToken), ModulesJsonContext.Default.IReadOnlyListModuleArtifact, cancellationToken);

    internal Task UploadArtifactAsync(StreamPart package, CancellationToken cancellationToken = default) =>
        ResponseReader.EnsureSuccessAsync(_userDefined.UploadArtifactAsync(package, cancellationToken), cancellationToken);

    internal Task DeleteArtifactAsync(string moduleName, long version, CancellationToken cancellationToken = default) =>
        ResponseReader.EnsureSuccessAsync(_userDefined.DeleteArtifactAsync(moduleName, version, cancellationToken), cancellationToken);

    internal Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken = default) =>
        Read(_databases.ListDatabasesAsync(IDatabasesApi.Fields, cancellationToken), ModulesJsonContext.Default.IReadOnlyListDatabaseInfo, cancellationToken);

    internal Task<DatabaseInfo> GetDatabaseAsync(int uid, CancellationToken cancellationToken = default) =>
        Read(_databases.GetDatabaseAsync(uid, IDatabasesApi.Fields, cancellationToken), ModulesJsonContext.Default.DatabaseInfo, cancellationToken);

    /// <summary><c>POST /v1/bdbs/{uid}/upgrade[?dry_run=true]</c>: the database as the upgrade leaves it, with the action to follow unless a preview.</summary>
    internal Task<DatabaseInfo> UpgradeDatabaseAsync(int uid, DatabaseUpgradeRequest request, bool dryRun, CancellationToken cancellationToken = default) =>
        ResponseReader.ReadAsync(
            _databases.UpgradeDatabaseAsync(uid, request, dryRun ? "true" : null, cancellationToken),
            ModulesJsonContext.Default.DatabaseInfo,
            _maxResponseBytes,
            dryRun ? null : static d => UidRules.IsUsable(d.ActionUid) ? null : NoActionUid,
            cancellationToken);

    /// <summary>The <c>Basic</c> token for the credentials, sent preemptively on every request.</summary>
    internal static string BasicToken(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));

    private const string NoActionUid = "the answer has no usable action_uid to follow.";

    private const string NoModuleUid = "the answer has no usable module uid.";

    private Task<T> Read<T>(Task<HttpResponseMessage> sending, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => ResponseReader.ReadAsync(sending, typeInfo, _maxResponseBytes, check: null, cancellationToken);

    /// <summary>Refit's transport exception factory: no answer came back.</summary>
    private static RedisEnterpriseConnectionException FromSendFailure(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken) =>
        ErrorMap.Connection(
            RequestRoute.Of(request),
            exception,
            exception is TimeoutRejectedException ? "No answer within AttemptTimeout, after every retry." : null);
}
