namespace RedisEnterprise.Modules;

/// <summary>The module management operations of a Redis Enterprise cluster. Implemented by <see cref="RedisEnterpriseModulesClient"/>.</summary>
public interface IRedisEnterpriseModulesClient
{
    /// <summary>Lists the modules stored in the cluster (<c>GET /v1/modules</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The modules, in the order the cluster sent them.</returns>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one module (<c>GET /v1/modules/{uid}</c>).</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The module.</returns>
    /// <exception cref="ArgumentException"><paramref name="uid"/> is null, empty or whitespace.</exception>
    /// <exception cref="ModuleNotFoundException">There is no module with that uid.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster answered with another error, or could not be reached.</exception>
    Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a module package (<c>POST /v2/modules</c>, streamed from disk), then polls its action until the cluster is
    /// done and returns the module as the cluster has it.
    /// </summary>
    /// <param name="filePath">The module package: a RAMP zip, e.g. <c>rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip</c>.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer or stops waiting (the cluster may go on with an upload it received).</param>
    /// <returns>The uploaded module.</returns>
    /// <exception cref="ModuleAlreadyExistsException">The cluster already has this module version.</exception>
    /// <exception cref="ActionFailedException">The cluster accepted the package but failed to install it.</exception>
    /// <exception cref="RedisEnterpriseException">Another error; see the subclasses.</exception>
    Task<ModuleInfo> UploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module package from a stream, then polls until the cluster is done. The stream is not disposed; one that cannot seek is spooled to a temporary file first.</summary>
    /// <param name="content">The package's bytes, from the stream's current position.</param>
    /// <param name="fileName">The package's file name, sent as the part's <c>filename</c>.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer or stops waiting.</param>
    /// <returns>The uploaded module.</returns>
    Task<ModuleInfo> UploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module package (<c>POST /v2/modules</c>) and returns at once with the operation that follows the cluster's work.</summary>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The operation: store its <see cref="ActionOperation.ActionUid"/> and <see cref="ModuleOperation.ModuleUid"/> to resume later.</returns>
    Task<ModuleOperation> StartUploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module package from a stream and returns at once with the operation that follows the cluster's work.</summary>
    /// <param name="content">The package's bytes, from the stream's current position; not disposed.</param>
    /// <param name="fileName">The package's file name.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The operation.</returns>
    Task<ModuleOperation> StartUploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module (<c>DELETE /v2/modules/{uid}</c>) and polls until the cluster is done.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Stops the call or the waiting (the deletion may go on).</param>
    /// <returns>A task that completes when the module is deleted.</returns>
    /// <exception cref="ModuleNotFoundException">There is no module with that uid.</exception>
    Task DeleteModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module (<c>DELETE /v2/modules/{uid}</c>) and returns at once with the operation that follows the deletion.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation.</returns>
    Task<ActionOperation> StartDeleteModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary>Gets an action's status (<c>GET /v1/actions/{action_uid}</c>).</summary>
    /// <param name="actionUid">The action's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action's status.</returns>
    /// <exception cref="ActionNotFoundException">The cluster does not know the action.</exception>
    Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module synchronously through the deprecated <c>POST /v1/modules</c> (clusters before 6.0.12, or scripts that want it).</summary>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The uploaded module.</returns>
    [Obsolete("POST /v1/modules is deprecated as of Redis Enterprise Software 7.2; use UploadModuleAsync.")]
    Task<ModuleInfo> UploadModuleV1Async(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module synchronously through the deprecated <c>DELETE /v1/modules/{uid}</c>.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the module is deleted.</returns>
    [Obsolete("DELETE /v1/modules is deprecated as of Redis Enterprise Software 7.2; use DeleteModuleAsync.")]
    Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure the package's module version is installed: looks for a module with the same <c>module_name</c> and
    /// <c>semantic_version</c> (or <c>version</c>), and uploads only when absent. Safe to run every few minutes; a
    /// <c>module_exists</c> race with another uploader counts as success.
    /// </summary>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Upload options; the package is validated before uploading unless <see cref="UploadModuleOptions.Validate"/> is false.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster's module, and whether this call uploaded it.</returns>
    Task<EnsureModuleResult> EnsureModuleInstalledAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// How the operations of this client's actions poll, <see cref="ActionOperation"/>s made with <c>new</c> included. A client
    /// that wraps another returns the wrapped one's, so its operations poll with the real settings.
    /// </summary>
    OperationPolling Polling => OperationPolling.Default;
}
