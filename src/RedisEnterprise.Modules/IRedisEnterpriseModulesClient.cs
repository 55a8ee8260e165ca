using RedisEnterprise.Modules.Transport;

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
    /// done and returns the module as the cluster has it. On Redis Software 8.0 and later (<see cref="GetModuleManagementModeAsync"/>),
    /// where no request does it all: creates the module's configuration from the package's <c>module.json</c>
    /// (<c>POST /v2/modules/user-defined</c>), uploads the package to every active node at its own address (at most
    /// <see cref="UploadModuleOptions.MaxParallelNodeUploads"/> at a time, progress per node), checks each node lists it, and
    /// returns the module as <c>GET /v1/modules/{uid}</c> shows it; if a node fails, what was uploaded and the configuration are
    /// deleted again and <see cref="ModuleInstallException"/> says what happened on each node.
    /// </summary>
    /// <param name="filePath">The module package: a RAMP zip, e.g. <c>rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip</c>.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer or stops waiting (the cluster may go on with an upload it received).</param>
    /// <returns>The uploaded module.</returns>
    /// <exception cref="ModuleAlreadyExistsException">The cluster already has this module version.</exception>
    /// <exception cref="ActionFailedException">The cluster accepted the package but failed to install it.</exception>
    /// <exception cref="ModuleUploadDisabledException">Redis Software 8.2+: uploads are off, <see cref="UploadModuleOptions.EnableModuleUploads"/> is not set and the compatibility check is off (when it runs, it reports this as <c>modules_upload_disabled</c> in a <see cref="ModuleCompatibilityException"/>); nothing was sent.</exception>
    /// <exception cref="ModuleInstallException">Redis Software 8: the upload failed on some nodes (rolled back, or what is left is named).</exception>
    /// <exception cref="ModuleCompatibilityException">The compatibility check (<see cref="UploadModuleOptions.CheckCompatibility"/>, on by default for a file) found a problem; nothing was sent.</exception>
    /// <exception cref="RedisEnterpriseException">Another error; see the subclasses.</exception>
    Task<ModuleInfo> UploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module package from a stream, then polls until the cluster is done. The stream is not disposed; one that cannot seek is spooled to a temporary file first.</summary>
    /// <param name="content">The package's bytes, from the stream's current position.</param>
    /// <param name="fileName">The package's file name, sent as the part's <c>filename</c>.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer or stops waiting.</param>
    /// <returns>The uploaded module.</returns>
    Task<ModuleInfo> UploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a module package (<c>POST /v2/modules</c>) and returns at once with the operation that follows the cluster's work.
    /// On Redis Software 8.0 and later there is no action to follow: the whole install runs first (as in
    /// <see cref="UploadModuleAsync(string, UploadModuleOptions?, CancellationToken)"/>) and the operation returned has already
    /// completed: its <see cref="ActionOperation.ActionUid"/> is empty and <see cref="ModuleOperation.WaitForModuleAsync"/> returns at once.
    /// </summary>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The operation: store its <see cref="ActionOperation.ActionUid"/> and <see cref="ModuleOperation.ModuleUid"/> to resume later.</returns>
    Task<ModuleOperation> StartUploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads a module package from a stream and returns at once with the operation that follows the cluster's work (on Redis Software 8, an operation that has already completed, as for a file).</summary>
    /// <param name="content">The package's bytes, from the stream's current position; not disposed.</param>
    /// <param name="fileName">The package's file name.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The operation.</returns>
    Task<ModuleOperation> StartUploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a module (<c>DELETE /v2/modules/{uid}</c>) and polls until the cluster is done. On Redis Software 8.0 and later:
    /// deletes its configuration (<c>DELETE /v2/modules/user-defined/{uid}</c>), then its package from every active node (a node
    /// that already lacks it is fine); a module a database uses fails with <see cref="ModuleInUseException"/> before any node is touched.
    /// </summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Stops the call or the waiting (the deletion may go on).</param>
    /// <returns>A task that completes when the module is deleted.</returns>
    /// <exception cref="ModuleNotFoundException">There is no module with that uid.</exception>
    /// <exception cref="ModuleInUseException">A database loads the module; <see cref="ModuleInUseException.Databases"/> names them (listed after the refusal, when the user may list databases).</exception>
    Task DeleteModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a module (<c>DELETE /v2/modules/{uid}</c>) and returns at once with the operation that follows the deletion. On
    /// Redis Software 8.0 and later the deletion runs first (as in <see cref="DeleteModuleAsync"/>) and the operation returned has
    /// already completed, with an empty <see cref="ActionOperation.ActionUid"/>.
    /// </summary>
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
    [Obsolete("POST " + Routes.ModulesV1 + " is deprecated as of Redis Enterprise Software 7.2; use UploadModuleAsync.")]
    Task<ModuleInfo> UploadModuleV1Async(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module synchronously through the deprecated <c>DELETE /v1/modules/{uid}</c>.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the module is deleted.</returns>
    [Obsolete("DELETE " + Routes.ModulesV1 + " is deprecated as of Redis Enterprise Software 7.2; use DeleteModuleAsync.")]
    Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure the package's module version is installed: looks for a module with the same <c>module_name</c> and
    /// <c>semantic_version</c> (or <c>version</c>), and uploads only when absent. Safe to run every few minutes; a
    /// <c>module_exists</c> race with another uploader counts as success. On Redis Software 8.0 and later the module counts as
    /// installed when its configuration exists and every active node lists its package; a node that lacks it (one that joined
    /// later, an earlier run that failed) gets it, named in <see cref="EnsureModuleResult.RepairedNodes"/>.
    /// </summary>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Upload options; the package is validated (its structure before the first byte, its data as it is sent) unless <see cref="UploadModuleOptions.Validate"/> is false.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster's module, and whether this call uploaded it.</returns>
    /// <exception cref="ModuleCompatibilityException">An upload was needed and the compatibility check (<see cref="UploadModuleOptions.CheckCompatibility"/>, on by default) found a problem; nothing was sent.</exception>
    Task<EnsureModuleResult> EnsureModuleInstalledAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the cluster's settings that module management needs (<c>GET /v1/cluster</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cluster: its name, REST API port, upload size limit and <c>allow_modules_upload</c>.</returns>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<ClusterInfo> GetClusterAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the cluster's nodes (<c>GET /v1/nodes</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The nodes, in the order the cluster sent them.</returns>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How the cluster manages modules, which decides what <see cref="UploadModuleAsync(string, UploadModuleOptions?, CancellationToken)"/>,
    /// <see cref="DeleteModuleAsync"/> and <see cref="EnsureModuleInstalledAsync"/> send: <see cref="RedisEnterpriseModulesClientOptions.ModuleManagement"/>
    /// when set, otherwise detected from the lowest <c>software_version</c> of <c>GET /v1/nodes</c> (8 and later, and
    /// <c>100.x</c> development builds, are <see cref="ModuleManagementMode.UserDefined"/>), asked once per client and cached.
    /// A cluster that answers <c>GET /v1/nodes</c> with 404 is taken as <see cref="ModuleManagementMode.ClusterUpload"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="RedisEnterpriseException">The nodes could not be listed, or none reports a version the SDK can read.</exception>
    Task<ModuleManagementMode> GetModuleManagementModeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a module's configuration in the cluster from a package's <c>module.json</c> (<c>POST /v2/modules/user-defined</c>,
    /// Redis Software 8.0 and later): the first step of an install; the package still has to reach every node
    /// (<see cref="UploadModuleArtifactAsync"/>). <see cref="UploadModuleAsync(string, UploadModuleOptions?, CancellationToken)"/> does every step.
    /// </summary>
    /// <param name="metadata">The package's <c>module.json</c> (<see cref="ModulePackage.Metadata"/>), sent with its other keys as they are.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The module object the cluster created.</returns>
    /// <exception cref="ModuleUploadDisabledException">The cluster's <c>allow_modules_upload</c> is off.</exception>
    /// <exception cref="InvalidModuleException">The cluster refused the module object.</exception>
    Task<ModuleInfo> CreateUserDefinedModuleAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module's configuration (<c>DELETE /v2/modules/user-defined/{uid}</c>); the nodes' packages stay (<see cref="DeleteModuleArtifactAsync"/>).</summary>
    /// <param name="uid">The module's uid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the configuration is deleted.</returns>
    /// <exception cref="ModuleNotFoundException">There is no module with that uid.</exception>
    /// <exception cref="ModuleInUseException">A database uses the module (<see cref="ModuleInUseException.Databases"/> names them).</exception>
    Task DeleteUserDefinedModuleAsync(string uid, CancellationToken cancellationToken = default);

    /// <summary>Lists the module packages stored on one node (<c>GET /v2/local/modules/user-defined/artifacts</c> at the node's own address).</summary>
    /// <param name="node">The node, from <see cref="ListNodesAsync"/>; reached as <see cref="RedisEnterpriseModulesClientOptions.NodeEndpoints"/> says.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The node's artifacts.</returns>
    Task<IReadOnlyList<ModuleArtifact>> ListModuleArtifactsAsync(NodeInfo node, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a module package to one node (<c>POST /v2/local/modules/user-defined/artifacts</c> at the node's own address),
    /// streamed from disk; validated first unless <see cref="UploadModuleOptions.Validate"/> is false.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="filePath">The module package.</param>
    /// <param name="options">Progress (with <see cref="UploadProgress.NodeUid"/>) and validation; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>A task that completes when the node has stored the package.</returns>
    /// <exception cref="ModuleUploadDisabledException">The cluster's <c>allow_modules_upload</c> is off.</exception>
    Task UploadModuleArtifactAsync(NodeInfo node, string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes one module package from one node (<c>DELETE /v2/local/modules/user-defined/artifacts/{module_name}/{version}</c>).</summary>
    /// <param name="node">The node.</param>
    /// <param name="moduleName">The package's <c>module_name</c>.</param>
    /// <param name="version">The package's integer <c>version</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the package is deleted.</returns>
    /// <exception cref="ModuleNotFoundException">The node does not have that package.</exception>
    /// <exception cref="ModuleInUseException">A database uses the module (<see cref="ModuleInUseException.Databases"/> names them).</exception>
    Task DeleteModuleArtifactAsync(NodeInfo node, string moduleName, long version, CancellationToken cancellationToken = default);

    #region Databases

    /// <summary>Lists the cluster's databases (<c>GET /v1/bdbs?fields=…</c>, only the keys <see cref="DatabaseInfo"/> models).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The databases, in the order the cluster sent them.</returns>
    /// <exception cref="PermissionDeniedException">The user may not view the databases (<c>view_all_bdbs_info</c>).</exception>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one database (<c>GET /v1/bdbs/{uid}?fields=…</c>).</summary>
    /// <param name="uid">The database's uid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The database.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uid"/> is less than 1.</exception>
    /// <exception cref="DatabaseNotFoundException">There is no database with that uid.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster answered with another error, or could not be reached.</exception>
    Task<DatabaseInfo> GetDatabaseAsync(int uid, CancellationToken cancellationToken = default);

    /// <summary>The databases that load a module of this name, whatever its version (<c>GET /v1/bdbs?fields=…</c>, filtered here).</summary>
    /// <param name="moduleName">The module's <c>module_name</c>, e.g. <c>ReJSON</c> (compared exactly, as the cluster does).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The databases whose <see cref="DatabaseInfo.Modules"/> name the module, in the cluster's order.</returns>
    /// <exception cref="ArgumentException"><paramref name="moduleName"/> is null, empty or whitespace.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster answered with an error, or could not be reached.</exception>
    Task<IReadOnlyList<DatabaseInfo>> FindDatabasesUsingModuleAsync(string moduleName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows what an upgrade would do without doing it (<c>POST /v1/bdbs/{uid}/upgrade?dry_run=true</c>): the cluster checks
    /// everything and answers the database as it would be, its <see cref="DatabaseInfo.Modules"/> the versions it would pick.
    /// Nothing changes.
    /// </summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="request">What to upgrade; only the properties that are set are sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The database as the upgrade would leave it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="databaseUid"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The request is null or has a property the cluster cannot take; the message names it.</exception>
    /// <exception cref="DatabaseNotFoundException">There is no database with that uid.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade (<c>upgrade_bdb_failed</c>: no version of a module fits; <c>redis_upgrade_policy_mismatch</c>).</exception>
    /// <exception cref="ModuleDowngradeNotSupportedException">The upgrade would load a lower version of a module.</exception>
    /// <exception cref="UnsupportedModuleCapabilitiesException">The database's configuration does not fit the modules' capabilities.</exception>
    /// <exception cref="PermissionDeniedException">The user may not upgrade databases (<c>update_bdb_with_action</c>).</exception>
    Task<DatabaseInfo> PreviewDatabaseUpgradeAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts upgrading a database (<c>POST /v1/bdbs/{uid}/upgrade</c>) and returns at once with the operation that follows
    /// the cluster's action. Upgrading restarts the database's shards; the database changes when the action completes.
    /// </summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="request">What to upgrade; only the properties that are set are sent.</param>
    /// <param name="cancellationToken">Cancels the call (not the upgrade, once the cluster has it).</param>
    /// <returns>The operation: store its <see cref="ActionOperation.ActionUid"/> and <see cref="DatabaseUpgradeOperation.DatabaseUid"/> to resume later.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="databaseUid"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The request is null or has a property the cluster cannot take.</exception>
    /// <exception cref="DatabaseNotFoundException">There is no database with that uid.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade.</exception>
    /// <exception cref="ModuleDowngradeNotSupportedException">The upgrade would load a lower version of a module.</exception>
    Task<DatabaseUpgradeOperation> StartUpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Upgrades a database (<see cref="StartUpgradeDatabaseAsync"/>), waits for the action, and returns the database as the cluster then has it.</summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="request">What to upgrade.</param>
    /// <param name="cancellationToken">Stops waiting; the upgrade goes on in the cluster.</param>
    /// <returns>The database after the upgrade.</returns>
    /// <exception cref="ActionFailedException">The upgrade's action ended failed, cancelled or aborted.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade.</exception>
    Task<DatabaseInfo> UpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves one database to one version of one module, the common case in one call: finds the module the database loads now
    /// (keeping its <c>module_args</c>) and the uid of the target version in <see cref="ListModulesAsync"/>, keeps the database's
    /// Redis version, previews the upgrade, and starts it only when the preview shows exactly <paramref name="semanticVersion"/>
    /// for <paramref name="moduleName"/>. A database that already loads that version needs nothing: the operation returned has
    /// completed, with an empty <see cref="ActionOperation.ActionUid"/>, and nothing was sent but reads.
    /// </summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="moduleName">The module's <c>module_name</c>, e.g. <c>ReJSON</c>.</param>
    /// <param name="semanticVersion">The version to move to, e.g. <c>2.8.4</c>; the cluster must hold it (upload it first).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The operation that follows the upgrade.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or the database does not load the module.</exception>
    /// <exception cref="DatabaseNotFoundException">There is no database with that uid.</exception>
    /// <exception cref="ModuleNotFoundException">The cluster has no module of that name and version.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">
    /// The cluster refused the upgrade, or its preview showed another version than <paramref name="semanticVersion"/>
    /// (<see cref="DatabaseUpgradeFailedException.Preview"/>; nothing was started).
    /// </exception>
    /// <exception cref="ModuleDowngradeNotSupportedException">The version is lower than the one the database loads.</exception>
    Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default);

    /// <summary>Moves one database to one version of one module (<see cref="StartUpgradeDatabaseModuleAsync(int, string, string, CancellationToken)"/>) and waits: the database after the upgrade.</summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="moduleName">The module's <c>module_name</c>.</param>
    /// <param name="semanticVersion">The version to move to.</param>
    /// <param name="cancellationToken">Stops waiting; the upgrade goes on in the cluster.</param>
    /// <returns>The database after the upgrade.</returns>
    /// <exception cref="ActionFailedException">The upgrade's action ended failed, cancelled or aborted.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade, or its preview showed another version.</exception>
    Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves one database to one version of one module, as <see cref="StartUpgradeDatabaseModuleAsync(int, string, string, CancellationToken)"/>,
    /// with the other fields of the upgrade request taken from <paramref name="settings"/>: a target <see cref="DatabaseUpgradeRequest.RedisVersion"/>
    /// (by default the database's own) and the switches such as <see cref="DatabaseUpgradeRequest.PreserveRoles"/>.
    /// </summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="moduleName">The module's <c>module_name</c>.</param>
    /// <param name="semanticVersion">The version to move to.</param>
    /// <param name="settings">The request's other fields; its <see cref="DatabaseUpgradeRequest.Modules"/> stays empty. <see langword="null"/>: none.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The operation that follows the upgrade.</returns>
    /// <exception cref="ArgumentException">An argument is empty, <paramref name="settings"/> names modules, or the database does not load the module.</exception>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade, or its preview showed another version.</exception>
    Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default);

    /// <summary>Moves one database to one version of one module with <paramref name="settings"/> (as the <c>Start…</c> form) and waits: the database after the upgrade.</summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="moduleName">The module's <c>module_name</c>.</param>
    /// <param name="semanticVersion">The version to move to.</param>
    /// <param name="settings">The request's other fields; its <see cref="DatabaseUpgradeRequest.Modules"/> stays empty. <see langword="null"/>: none.</param>
    /// <param name="cancellationToken">Stops waiting; the upgrade goes on in the cluster.</param>
    /// <returns>The database after the upgrade.</returns>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade, or its preview showed another version.</exception>
    Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// The dry run of <see cref="StartUpgradeDatabaseModuleAsync(int, string, string, DatabaseUpgradeRequest?, CancellationToken)"/>: the
    /// database as the cluster would make it, nothing changed. A database that already loads that version is returned as it is.
    /// </summary>
    /// <param name="databaseUid">The database's uid.</param>
    /// <param name="moduleName">The module's <c>module_name</c>.</param>
    /// <param name="semanticVersion">The version to move to.</param>
    /// <param name="settings">The request's other fields; its <see cref="DatabaseUpgradeRequest.Modules"/> stays empty. <see langword="null"/>: none.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The database as it would be after the upgrade.</returns>
    /// <exception cref="DatabaseUpgradeFailedException">The cluster refused the upgrade, or its preview showed another version (<see cref="DatabaseUpgradeFailedException.Preview"/>).</exception>
    Task<DatabaseInfo> PreviewDatabaseModuleUpgradeAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings = null, CancellationToken cancellationToken = default);

    #endregion

    /// <summary>
    /// Checks whether a module package fits this cluster, before uploading it: reads the package (and validates it, as
    /// <see cref="ModulePackage.ValidateAsync(CancellationToken)"/>) and the cluster's nodes, settings and modules at the same
    /// time, and sends nothing but GETs. Problems: a node's operating system or architecture the package is not built for, a
    /// node older than <c>min_redis_pack_version</c>, uploads switched off (Redis Software 8.2+), a package that is not valid
    /// (with the validation's own codes). Warnings: larger than <c>module_upload_max_size_mb</c>, already installed, no
    /// database can load it, a database on an older version that may not move to it, nodes on different versions, and what
    /// could not be read (403, 404). The report also names the databases that could load it and those that could move to it.
    /// </summary>
    /// <param name="packagePath">The module package.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report; <see cref="ModuleCompatibilityReport.IsCompatible"/> says whether the cluster should take it.</returns>
    /// <exception cref="ArgumentException"><paramref name="packagePath"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster could not be read (other than 403 or 404).</exception>
    /// <example>
    /// <code>
    /// ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync("rejson.Linux-rhel9-x86_64.2.8.4.zip");
    /// if (!report.IsCompatible) Console.WriteLine(report); // one line per problem, with its code and node
    /// </code>
    /// </example>
    Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks whether a module package fits this cluster for an upload with these options: with
    /// <see cref="UploadModuleOptions.EnableModuleUploads"/>, uploads switched off are a warning, not a problem.
    /// </summary>
    /// <param name="packagePath">The module package.</param>
    /// <param name="options">The options the upload will use; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException"><paramref name="packagePath"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster could not be read (other than 403 or 404).</exception>
    Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, UploadModuleOptions? options, CancellationToken cancellationToken = default);

    /// <summary>Checks whether a module package held by a stream fits this cluster (as <see cref="CheckModuleCompatibilityAsync(string, CancellationToken)"/>).</summary>
    /// <param name="content">A readable, seekable stream holding the zip from its current position; not disposed, its position restored.</param>
    /// <param name="fileName">The package's file name, used in messages.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException"><paramref name="content"/> is not readable and seekable, or <paramref name="fileName"/> is blank.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster could not be read (other than 403 or 404).</exception>
    Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Checks whether a module package held by a stream fits this cluster for an upload with these options.</summary>
    /// <param name="content">A readable, seekable stream holding the zip from its current position; not disposed, its position restored.</param>
    /// <param name="fileName">The package's file name, used in messages.</param>
    /// <param name="options">The options the upload will use; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException"><paramref name="content"/> is not readable and seekable, or <paramref name="fileName"/> is blank.</exception>
    /// <exception cref="RedisEnterpriseException">The cluster could not be read (other than 403 or 404).</exception>
    Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, UploadModuleOptions? options, CancellationToken cancellationToken = default);

    /// <summary>
    /// How the operations of this client's actions poll, <see cref="ActionOperation"/>s made with <c>new</c> included. A client
    /// that wraps another returns the wrapped one's, so its operations poll with the real settings.
    /// </summary>
    OperationPolling Polling => OperationPolling.Default;
}
