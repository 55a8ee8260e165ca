using System.Diagnostics;
using System.Runtime.ExceptionServices;
using RedisEnterprise.Modules.Diagnostics;
using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Operations;
using RedisEnterprise.Modules.Packages;
using RedisEnterprise.Modules.Transport;
using RedisEnterprise.Modules.Upload;
using RedisEnterprise.Modules.Workflows;

namespace RedisEnterprise.Modules;

/// <summary>
/// The client for the module endpoints of one Redis Enterprise cluster: Basic auth, the TLS choice of the
/// options, typed errors, and long-running operations. Thread-safe; create one per cluster and reuse it.
/// </summary>
/// <example>
/// <code>
/// using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
/// {
///     Endpoint = new Uri("https://cluster.example.com:9443"),
///     Username = "admin@example.com",
///     Password = password,
/// });
/// foreach (ModuleInfo module in await client.ListModulesAsync())
///     Console.WriteLine($"{module.ModuleName} {module.SemanticVersion}");
/// </code>
/// </example>
public class RedisEnterpriseModulesClient : IRedisEnterpriseModulesClient, IDisposable
{
    private static readonly Task<IReadOnlyList<ModulePackageProblem>> NoPackageProblems = Task.FromResult<IReadOnlyList<ModulePackageProblem>>([]);
    private readonly HttpClient? _ownedHttpClient;
    private readonly ClusterConnection _connection = null!;
    private readonly CancellationTokenSource _lifetime = new(); // cancelled by Dispose: calls in flight and polling stop
    private readonly RedisEnterpriseModulesClientOptions _options = null!;
    private readonly NodeConnections _nodes = null!;
    private readonly UserDefinedModuleWorkflow _userDefined = null!;
    private readonly SemaphoreSlim _modeDetection = new(1, 1);
    private int _detectedMode = -1; // a ModuleManagementMode once detected

    /// <summary>Creates a client that owns its connection to the cluster (disposed with the client).</summary>
    /// <param name="options">The cluster and how to talk to it; copied, so later changes do not affect this client.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or wrong; the message names it.</exception>
    public RedisEnterpriseModulesClient(RedisEnterpriseModulesClientOptions options)
        : this(options, httpClient: null)
    {
    }

    /// <summary>
    /// Creates a client on the caller's <see cref="HttpClient"/> (for example one from <c>IHttpClientFactory</c>), which the
    /// client does not dispose. The TLS choice of <paramref name="options"/> is the <see cref="HttpClient"/>'s handler's
    /// business; credentials and timeouts are applied by the client. Its <see cref="HttpClient.BaseAddress"/> is set to
    /// <see cref="RedisEnterpriseModulesClientOptions.Endpoint"/> when empty.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send requests through.</param>
    /// <param name="options">The cluster and how to talk to it; copied.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or wrong; the message names it.</exception>
    public RedisEnterpriseModulesClient(HttpClient httpClient, RedisEnterpriseModulesClientOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>For mocking: a client with no connection, whose virtual methods a test overrides.</summary>
    protected RedisEnterpriseModulesClient()
    {
    }

    private RedisEnterpriseModulesClient(RedisEnterpriseModulesClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        if (httpClient is null)
        {
            _ownedHttpClient = new HttpClient(HandlerChain.Create(_options), disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan, // timeouts are per call: uploads have their own
            };
            httpClient = _ownedHttpClient;
        }

        httpClient.BaseAddress ??= _options.Endpoint;
        _connection = new ClusterConnection(httpClient, _options);
        _nodes = new NodeConnections(_options);
        _userDefined = new UserDefinedModuleWorkflow(this, HandlerChain.LoggerFor(_options));
        Polling = OperationPolling.From(_options, _lifetime.Token);
    }

    /// <summary>The settings this client was made with (a copy; changing it has no effect).</summary>
    protected RedisEnterpriseModulesClientOptions Options => _options;

    /// <inheritdoc />
    public virtual OperationPolling Polling { get; } = OperationPolling.Default;

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default) =>
        CallAsync("ListModules", (connection, ct) => connection.ListModulesAsync(ct), _options.RequestTimeout, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default)
    {
        UidRules.ThrowIfInvalid(uid, nameof(uid));
        return CallAsync("GetModule", (connection, ct) => connection.GetModuleAsync(uid, ct), _options.RequestTimeout, cancellationToken, moduleUid: uid);
    }

    /// <inheritdoc />
    public virtual Task<ModuleInfo> UploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadAndWaitAsync(() => StartUploadModuleAsync(filePath, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public virtual Task<ModuleInfo> UploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadAndWaitAsync(() => StartUploadModuleAsync(content, fileName, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public virtual async Task<ModuleOperation> StartUploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        if (!File.Exists(filePath)) throw new FileNotFoundException($"The module package does not exist: {filePath}", filePath);
        if (await IsUserDefinedAsync(cancellationToken).ConfigureAwait(false))
        {
            return await InstallUserDefinedAsync(await PreparedPackage.FromFileAsync(filePath, options, cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);
        }

        return await StartUploadAsync(ModuleFilePart.OpenFile(filePath, options?.UploadProgress), options, filePath, checkPrepared: false, listedModules: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<ModuleOperation> StartUploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateUploadStream(content, fileName);
        if (await IsUserDefinedAsync(cancellationToken).ConfigureAwait(false))
        {
            return await InstallUserDefinedAsync(await PreparedPackage.FromStreamAsync(content, fileName, options, cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);
        }

        ModuleFilePart part = await ModuleFilePart.OpenAsync(content, fileName, options?.UploadProgress, cancellationToken).ConfigureAwait(false);
        return await StartUploadAsync(part, options, filePath: null, checkPrepared: false, listedModules: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual Task<EnsureModuleResult> EnsureModuleInstalledAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        return RedisEnterpriseModulesTelemetry.TraceAsync("EnsureModuleInstalled", null, null, async activity =>
        {
            EnsureModuleResult result = await IsUserDefinedAsync(cancellationToken).ConfigureAwait(false)
                ? await EnsureUserDefinedAsync(filePath, options, cancellationToken).ConfigureAwait(false)
                : await EnsureInstalledAsync(filePath, options, cancellationToken).ConfigureAwait(false);
            RedisEnterpriseModulesTelemetry.TagModule(activity, result.Module);
            activity?.SetTag("redis_enterprise.module.uploaded", result.WasUploaded);
            return result;
        });
    }

    private async Task<EnsureModuleResult> EnsureInstalledAsync(string filePath, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        // One opening of the file serves the package's metadata, its check and its upload.
        ModuleFilePart part = ModuleFilePart.OpenFile(filePath, options?.UploadProgress);
        try
        {
            PackageScan scan = await ModulePackage.ScanForUploadAsync(part.Value, cancellationToken).ConfigureAwait(false);
            ModulePackageMetadata metadata = scan.Metadata
                ?? throw new ModulePackageValidationException(new ModulePackageValidation(part.FileName!, scan.Problems));
            return await EnsureInstalledAsync(part, scan, metadata, filePath, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await part.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task<EnsureModuleResult> EnsureInstalledAsync(ModuleFilePart part, PackageScan scan, ModulePackageMetadata metadata, string filePath, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        PackageGate gate = await EnterEnsureGateAsync(metadata, cancellationToken).ConfigureAwait(false);
        try
        {
            // The modules listed here serve the compatibility check before the upload too.
            IReadOnlyList<ModuleInfo> modules = await ListModulesAsync(cancellationToken).ConfigureAwait(false);
            if (ModuleCompatibilityCheck.FindSameVersion(modules, metadata) is { } installed)
            {
                return new EnsureModuleResult(installed, WasUploaded: false);
            }

            try
            {
                if (UploadModuleOptions.Validates(options, fromPath: true)) part.Check = await UploadCheck.FromScanAsync(part.Value, part.FileName!, scan, cancellationToken).ConfigureAwait(false);
                ModuleInfo uploaded = await UploadAndWaitAsync(() => StartUploadAsync(part, options, filePath, checkPrepared: true, modules, cancellationToken), cancellationToken).ConfigureAwait(false);
                return new EnsureModuleResult(uploaded, WasUploaded: true);
            }
            catch (ModuleAlreadyExistsException)
            {
                // Another process is uploading it: success once its upload completes and the list shows the module.
                ModuleInfo? raced = await WaitUntilInstalledAsync(metadata, cancellationToken).ConfigureAwait(false);
                if (raced is null) throw;
                return new EnsureModuleResult(raced, WasUploaded: false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One ensure of a package at a time in this process, on either line: the others then find it installed instead of racing its upload.</summary>
    private Task<PackageGate> EnterEnsureGateAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken) =>
        PackageGate.EnterAsync($"{_options.Endpoint} {metadata.ModuleName} {metadata.SemanticVersion ?? metadata.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>Lists until the module shows, with the polling interval and backoff; <see langword="null"/> after <see cref="OperationPolling.OperationTimeout"/>.</summary>
    private Task<ModuleInfo?> WaitUntilInstalledAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken) =>
        ActionPoller.PollAsync(
            $"module {metadata.ModuleName} to be installed",
            async token => await FindInstalledAsync(metadata, token).ConfigureAwait(false) is { } installed ? (true, installed) : (false, (ModuleInfo?)null),
            static _ => false,
            static () => null,
            Polling,
            cancellationToken);

    /// <inheritdoc />
    public virtual Task DeleteModuleAsync(string uid, CancellationToken cancellationToken = default) =>
        RedisEnterpriseModulesTelemetry.TraceAsync("DeleteModule", uid, null, async activity =>
        {
            ActionOperation operation = await StartDeleteModuleAsync(uid, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(RedisEnterpriseModulesTelemetry.ActionUidTag, operation.ActionUid);
            return await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc />
    public virtual async Task<ActionOperation> StartDeleteModuleAsync(string uid, CancellationToken cancellationToken = default)
    {
        UidRules.ThrowIfInvalid(uid, nameof(uid));
        if (await IsUserDefinedAsync(cancellationToken).ConfigureAwait(false))
        {
            await _userDefined.DeleteAsync(uid, cancellationToken).ConfigureAwait(false);
            return ActionOperation.Completed(this, "module_delete");
        }

        string actionUid = await NamingDatabasesInUseAsync(
            CallAsync("StartDeleteModule", (connection, ct) => connection.DeleteModuleAsync(uid, ct), _options.RequestTimeout, cancellationToken, moduleUid: uid),
            m => m.ModuleId == uid,
            cancellationToken).ConfigureAwait(false);
        return new ActionOperation(this, actionUid);
    }

    /// <inheritdoc />
    public virtual Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default)
    {
        UidRules.ThrowIfInvalid(actionUid, nameof(actionUid));
        return CallAsync("GetAction", (connection, ct) => connection.GetActionAsync(actionUid, ct), _options.RequestTimeout, cancellationToken, actionUid: actionUid);
    }

    /// <inheritdoc />
    [Obsolete("POST " + Routes.ModulesV1 + " is deprecated as of Redis Enterprise Software 7.2; use UploadModuleAsync.")]
    public virtual async Task<ModuleInfo> UploadModuleV1Async(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        return await UploadV1Async(ModuleFilePart.OpenFile(filePath, options?.UploadProgress), options, filePath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a module from a stream synchronously through the deprecated <c>POST /v1/modules</c>.</summary>
    /// <param name="content">The package's bytes, from the stream's current position; not disposed.</param>
    /// <param name="fileName">The package's file name.</param>
    /// <param name="options">Progress callbacks; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The uploaded module.</returns>
    [Obsolete("POST " + Routes.ModulesV1 + " is deprecated as of Redis Enterprise Software 7.2; use UploadModuleAsync.")]
    public virtual async Task<ModuleInfo> UploadModuleV1Async(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateUploadStream(content, fileName);
        ModuleFilePart part = await ModuleFilePart.OpenAsync(content, fileName, options?.UploadProgress, cancellationToken).ConfigureAwait(false);
        return await UploadV1Async(part, options, filePath: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    [Obsolete("DELETE " + Routes.ModulesV1 + " is deprecated as of Redis Enterprise Software 7.2; use DeleteModuleAsync.")]
    public virtual Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default)
    {
        UidRules.ThrowIfInvalid(uid, nameof(uid));
        Task<string> deleting = CallAsync(
            "DeleteModuleV1",
            async (connection, ct) =>
            {
                await connection.DeleteModuleV1Async(uid, ct).ConfigureAwait(false);
                return string.Empty;
            },
            _options.RequestTimeout,
            cancellationToken,
            moduleUid: uid);
        return NamingDatabasesInUseAsync(deleting, m => m.ModuleId == uid, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<ClusterInfo> GetClusterAsync(CancellationToken cancellationToken = default) =>
        CallAsync("GetCluster", (connection, ct) => connection.GetClusterAsync(ct), _options.RequestTimeout, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        CallAsync("ListNodes", (connection, ct) => connection.ListNodesAsync(ct), _options.RequestTimeout, cancellationToken);

    /// <inheritdoc />
    public virtual async Task<ModuleManagementMode> GetModuleManagementModeAsync(CancellationToken cancellationToken = default)
    {
        if (_options.ModuleManagement is { } configured) return configured;
        if (Volatile.Read(ref _detectedMode) is var known and >= 0) return (ModuleManagementMode)known;

        await _modeDetection.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_detectedMode >= 0) return (ModuleManagementMode)_detectedMode;
            ModuleManagementMode mode;
            string lowest;
            try
            {
                IReadOnlyList<NodeInfo> nodes = await ListNodesAsync(cancellationToken).ConfigureAwait(false);
                mode = ModuleManagementDetection.From(nodes, out lowest);
            }
            catch (RedisEnterpriseException e) when (e.Status == 404)
            {
                // Every Redis Software line answers GET /v1/nodes; what does not (a stand-in, a gateway exposing the module
                // endpoints only) has no nodes to reach either, so it gets the one-request upload.
                mode = ModuleManagementMode.ClusterUpload;
                lowest = $"unknown: GET {Routes.Nodes} answered 404";
            }

            Log.ModuleManagementDetected(HandlerChain.LoggerFor(_options), mode, lowest);
            Volatile.Write(ref _detectedMode, (int)mode);
            return mode;
        }
        finally
        {
            _modeDetection.Release();
        }
    }

    /// <inheritdoc />
    public virtual Task<ModuleInfo> CreateUserDefinedModuleAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return CallAsync("CreateUserDefinedModule", (connection, ct) => connection.CreateUserDefinedModuleAsync(metadata, ct), _options.RequestTimeout, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task DeleteUserDefinedModuleAsync(string uid, CancellationToken cancellationToken = default)
    {
        UidRules.ThrowIfInvalid(uid, nameof(uid));
        Task<string> deleting = CallAsync("DeleteUserDefinedModule", async (connection, ct) =>
        {
            await connection.DeleteUserDefinedModuleAsync(uid, ct).ConfigureAwait(false);
            return string.Empty;
        }, _options.RequestTimeout, cancellationToken, moduleUid: uid);
        return NamingDatabasesInUseAsync(deleting, m => m.ModuleId == uid, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<ModuleArtifact>> ListModuleArtifactsAsync(NodeInfo node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return CallAsync("ListModuleArtifacts", (connection, ct) => connection.ListArtifactsAsync(ct), _options.RequestTimeout, cancellationToken, node: node);
    }

    /// <inheritdoc />
    public virtual async Task UploadModuleArtifactAsync(NodeInfo node, string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        PreparedPackage package = await PreparedPackage.FromFileAsync(filePath, options, cancellationToken).ConfigureAwait(false);
        await using (package.ConfigureAwait(false))
        {
            IProgress<UploadProgress>? progress = options?.UploadProgress is { } callback ? new NodeUploadProgress(callback, node.Uid) : null;
            await UploadArtifactAsync(node, package, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public virtual Task DeleteModuleArtifactAsync(NodeInfo node, string moduleName, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        Task<string> deleting = CallAsync("DeleteModuleArtifact", async (connection, ct) =>
        {
            await connection.DeleteArtifactAsync(moduleName, version, ct).ConfigureAwait(false);
            return string.Empty;
        }, _options.RequestTimeout, cancellationToken, node: node);
        return NamingDatabasesInUseAsync(deleting, m => m.ModuleName == moduleName, cancellationToken); // a package names no uid: the databases that load any version of it
    }

    #region Databases

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken = default) =>
        CallAsync("ListDatabases", (connection, ct) => connection.ListDatabasesAsync(ct), _options.RequestTimeout, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> GetDatabaseAsync(int uid, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(uid, 1);
        return CallAsync("GetDatabase", (connection, ct) => connection.GetDatabaseAsync(uid, ct), _options.RequestTimeout, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<DatabaseInfo>> FindDatabasesUsingModuleAsync(string moduleName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        IReadOnlyList<DatabaseInfo> databases = await ListDatabasesAsync(cancellationToken).ConfigureAwait(false);
        return databases.Where(d => d.FindModule(moduleName) is not null).ToArray();
    }

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> PreviewDatabaseUpgradeAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default)
    {
        ValidateUpgrade(databaseUid, request);
        return CallAsync("PreviewDatabaseUpgrade", (connection, ct) => connection.UpgradeDatabaseAsync(databaseUid, request, dryRun: true, ct), _options.RequestTimeout, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<DatabaseUpgradeOperation> StartUpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default)
    {
        ValidateUpgrade(databaseUid, request);
        DatabaseInfo accepted = await CallAsync("StartUpgradeDatabase", (connection, ct) => connection.UpgradeDatabaseAsync(databaseUid, request, dryRun: false, ct), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return new DatabaseUpgradeOperation(this, databaseUid, accepted);
    }

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> UpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default) =>
        WaitForUpgradeAsync("UpgradeDatabase", () => StartUpgradeDatabaseAsync(databaseUid, request, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public virtual Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default) =>
        StartUpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, settings: null, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default)
    {
        ValidateModuleUpgrade(databaseUid, moduleName, semanticVersion, settings);
        return DatabaseModuleUpgradeWorkflow.StartAsync(this, databaseUid, moduleName, semanticVersion, settings, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default) =>
        UpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, settings: null, cancellationToken);

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default) =>
        WaitForUpgradeAsync("UpgradeDatabaseModule", () => StartUpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, settings, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public virtual Task<DatabaseInfo> PreviewDatabaseModuleUpgradeAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings = null, CancellationToken cancellationToken = default)
    {
        ValidateModuleUpgrade(databaseUid, moduleName, semanticVersion, settings);
        return DatabaseModuleUpgradeWorkflow.PreviewAsync(this, databaseUid, moduleName, semanticVersion, settings, cancellationToken);
    }

    private static void ValidateModuleUpgrade(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(databaseUid, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(semanticVersion);
        settings?.Validate(nameof(settings));
        if (settings?.Modules is { Count: > 0 })
        {
            throw new ArgumentException("The settings of a module upgrade name no modules: the upgrade names the one it moves.", nameof(settings));
        }
    }

    private static void ValidateUpgrade(int databaseUid, DatabaseUpgradeRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(databaseUid, 1);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request));
    }

    private static Task<DatabaseInfo> WaitForUpgradeAsync(string operation, Func<Task<DatabaseUpgradeOperation>> start, CancellationToken cancellationToken) =>
        RedisEnterpriseModulesTelemetry.TraceAsync(operation, null, null, async activity =>
        {
            DatabaseUpgradeOperation upgrade = await start().ConfigureAwait(false);
            activity?.SetTag(RedisEnterpriseModulesTelemetry.ActionUidTag, upgrade.ActionUid);
            return await upgrade.WaitForDatabaseAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// Runs a delete; a <c>module_in_use</c> answer comes back naming the databases that use the module, found by listing
    /// them. The listing is best effort: when it fails too, the answer comes back as it was.
    /// </summary>
    private async Task<T> NamingDatabasesInUseAsync<T>(Task<T> deleting, Func<DatabaseModule, bool> uses, CancellationToken cancellationToken)
    {
        try
        {
            return await deleting.ConfigureAwait(false);
        }
        catch (ModuleInUseException inUse) when (inUse.Databases.Count == 0)
        {
            IReadOnlyList<DatabaseInfo>? users = await DatabasesUsingOrNullAsync(uses, cancellationToken).ConfigureAwait(false);
            if (users is null) throw;
            throw inUse.Naming(users);
        }
    }

    private async Task<IReadOnlyList<DatabaseInfo>?> DatabasesUsingOrNullAsync(Func<DatabaseModule, bool> uses, CancellationToken cancellationToken)
    {
        try
        {
            return (await ListDatabasesAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.Modules.Any(uses)).ToArray();
        }
        catch (Exception e) when (e is RedisEnterpriseException or OperationCanceledException)
        {
            return null;
        }
    }

    #endregion

    /// <summary><c>PUT /v1/cluster</c> with <c>allow_modules_upload</c> only.</summary>
    internal Task SetModuleUploadsAsync(bool allowed, CancellationToken cancellationToken) =>
        CallAsync("SetModuleUploads", async (connection, ct) =>
        {
            await connection.SetModuleUploadsAsync(allowed, ct).ConfigureAwait(false);
            return string.Empty;
        }, _options.RequestTimeout, cancellationToken);

    /// <summary>Uploads a prepared package to one node, streamed from disk (its own reader of the file), within <see cref="RedisEnterpriseModulesClientOptions.UploadTimeout"/>.</summary>
    internal async Task UploadArtifactAsync(NodeInfo node, PreparedPackage package, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        ModuleFilePart part = package.OpenPart(progress);
        try
        {
            using StallWatch? stall = WatchForStall(part);
            await CallAsync("UploadModuleArtifact", async (connection, ct) =>
            {
                await connection.UploadArtifactAsync(part, ct).ConfigureAwait(false);
                return string.Empty;
            }, _options.UploadTimeout, cancellationToken, stall: stall, node: node).ConfigureAwait(false);
        }
        catch (Exception) when (part.Check?.Refusal is { } refusal)
        {
            throw new ModulePackageValidationException(refusal);
        }
        finally
        {
            await part.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> IsUserDefinedAsync(CancellationToken cancellationToken) =>
        await GetModuleManagementModeAsync(cancellationToken).ConfigureAwait(false) == ModuleManagementMode.UserDefined;

    private async Task<ModuleOperation> InstallUserDefinedAsync(PreparedPackage package, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        await using (package.ConfigureAwait(false))
        {
            ModuleInfo installed = await _userDefined.InstallAsync(package, options, knownModules: null, cancellationToken).ConfigureAwait(false);
            return ModuleOperation.Installed(this, installed);
        }
    }

    private async Task<EnsureModuleResult> EnsureUserDefinedAsync(string filePath, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        PreparedPackage package = await PreparedPackage.FromFileAsync(filePath, options, cancellationToken).ConfigureAwait(false);
        await using (package.ConfigureAwait(false))
        {
            PackageGate gate = await EnterEnsureGateAsync(package.Metadata, cancellationToken).ConfigureAwait(false);
            try
            {
                return await _userDefined.EnsureAsync(package, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    // The compatibility check (issue 17): the client gathers what the cluster answers; ModuleCompatibilityCheck judges.

    /// <inheritdoc />
    public virtual Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, CancellationToken cancellationToken = default) =>
        CheckModuleCompatibilityAsync(packagePath, options: null, cancellationToken);

    /// <inheritdoc />
    public virtual async Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, UploadModuleOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packagePath);
        ModulePackage package = await ModulePackage.OpenAsync(packagePath, cancellationToken).ConfigureAwait(false);
        return await CheckPackageAsync(package, new FileInfo(package.FilePath!).Length, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        CheckModuleCompatibilityAsync(content, fileName, options: null, cancellationToken);

    /// <inheritdoc />
    public virtual async Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, UploadModuleOptions? options, CancellationToken cancellationToken = default)
    {
        ModulePackage package = await ModulePackage.OpenAsync(content, fileName, cancellationToken).ConfigureAwait(false);
        return await CheckPackageAsync(package, content.Length - content.Position, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The check before an upload of a package prepared for the nodes, when <see cref="UploadModuleOptions.CheckCompatibility"/>
    /// asks for it; <paramref name="nodes"/> and <paramref name="modules"/>, when the caller has just read them, are judged
    /// instead of read again. Returns what the check judged, so that the install reads none of it again (<see langword="null"/>
    /// when nothing was checked).
    /// </summary>
    internal async Task<ModuleCompatibilityInputs?> ThrowIfIncompatibleAsync(PreparedPackage package, UploadModuleOptions? options, IReadOnlyList<NodeInfo>? nodes, IReadOnlyList<ModuleInfo>? modules, CancellationToken cancellationToken) =>
        package.CheckCompatibility
            ? await ThrowIfIncompatibleAsync(package.FileName, package.Metadata, package.Length, options, nodes, modules, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The package is validated while the cluster is read; every check of the report runs whatever the validation finds.</summary>
    private Task<ModuleCompatibilityReport> CheckPackageAsync(ModulePackage package, long length, UploadModuleOptions? options, CancellationToken cancellationToken) =>
        RedisEnterpriseModulesTelemetry.TraceAsync("CheckModuleCompatibility", null, null, async activity =>
        {
            Task<IReadOnlyList<ModulePackageProblem>> problems = ProblemsAsync(package.ValidateAsync(cancellationToken));
            ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(
                await ReadCompatibilityInputsAsync(package.FileName, package.Metadata, length, problems, options, knownNodes: null, knownModules: null, cancellationToken).ConfigureAwait(false));
            activity?.SetTag(RedisEnterpriseModulesTelemetry.ModuleCompatibleTag, report.IsCompatible);
            return report;
        });

    private static async Task<IReadOnlyList<ModulePackageProblem>> ProblemsAsync(Task<ModulePackageValidation> validation) =>
        (await validation.ConfigureAwait(false)).Problems;

    /// <summary>Before an upload from a stream or file part (the 7.x requests): the package's <c>module.json</c> from the bytes to send.</summary>
    private async Task CheckIfAskedAsync(ModuleFilePart part, UploadModuleOptions? options, bool fromPath, IReadOnlyList<ModuleInfo>? listedModules, CancellationToken cancellationToken)
    {
        if (!UploadModuleOptions.ChecksCompatibility(options, fromPath)) return;
        // The validation's scan has read module.json already, unless validation is off.
        ModulePackageMetadata? metadata = part.Check?.Metadata ?? (await ModulePackage.OpenAsync(part.Value, part.FileName!, cancellationToken).ConfigureAwait(false)).Metadata;
        // The package's own problems are Validate's business (it ran first, unless switched off): the cluster's checks run either way.
        await ThrowIfIncompatibleAsync(part.FileName!, metadata, part.Value.Length - part.Value.Position, options, nodes: null, listedModules, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cluster's checks only: the package's own problems are the validation's, before or as it is sent.</summary>
    private async Task<ModuleCompatibilityInputs> ThrowIfIncompatibleAsync(string fileName, ModulePackageMetadata? metadata, long length, UploadModuleOptions? options, IReadOnlyList<NodeInfo>? nodes, IReadOnlyList<ModuleInfo>? modules, CancellationToken cancellationToken)
    {
        ModuleCompatibilityInputs inputs = await ReadCompatibilityInputsAsync(fileName, metadata, length, NoPackageProblems, options, nodes, modules, cancellationToken).ConfigureAwait(false);
        ModuleCompatibilityReport report = ModuleCompatibilityCheck.Evaluate(inputs);
        Microsoft.Extensions.Logging.ILogger logger = HandlerChain.LoggerFor(_options);
        foreach (ModuleCompatibilityIssue warning in report.Warnings) Log.CompatibilityWarning(logger, warning.Code, warning.Message);
        return report.IsCompatible ? inputs : throw new ModuleCompatibilityException(report);
    }

    /// <summary>
    /// Reads the cluster's nodes and modules (unless the caller has just read them: <paramref name="knownNodes"/>,
    /// <paramref name="knownModules"/>), settings and databases at the same time (GETs only): what the check judges.
    /// </summary>
    private async Task<ModuleCompatibilityInputs> ReadCompatibilityInputsAsync(string fileName, ModulePackageMetadata? metadata, long length, Task<IReadOnlyList<ModulePackageProblem>> packageProblems, UploadModuleOptions? options, IReadOnlyList<NodeInfo>? knownNodes, IReadOnlyList<ModuleInfo>? knownModules, CancellationToken cancellationToken)
    {
        Task<(IReadOnlyList<NodeInfo>? Value, string? Failure)> nodes = KnownOrReadAsync(knownNodes, ListNodesAsync, "the nodes' operating systems, architectures and versions", cancellationToken);
        Task<(ClusterInfo? Value, string? Failure)> cluster = ReadForCheckAsync(GetClusterAsync(cancellationToken), "the cluster's upload setting and size limit");
        Task<(IReadOnlyList<ModuleInfo>? Value, string? Failure)> modules = KnownOrReadAsync(knownModules, ListModulesAsync, "whether the module is already installed", cancellationToken);
        Task<(IReadOnlyList<DatabaseInfo>? Value, string? Failure)> databases = ReadForCheckAsync(ListDatabasesAsync(cancellationToken), "which databases can load the module");
        await Task.WhenAll(nodes, cluster, modules, databases, packageProblems).ConfigureAwait(false);
        return new ModuleCompatibilityInputs
        {
            FileName = fileName,
            Package = metadata,
            PackageLength = length,
            PackageProblems = await packageProblems.ConfigureAwait(false),
            Nodes = nodes.Result.Value,
            Cluster = cluster.Result.Value,
            Modules = modules.Result.Value,
            Databases = databases.Result.Value,
            EnableModuleUploads = options?.EnableModuleUploads ?? false,
            ReadFailures = new[] { nodes.Result.Failure, cluster.Result.Failure, modules.Result.Failure, databases.Result.Failure }.OfType<string>().ToList(),
        };
    }

    /// <summary>What the caller has just read, or one read of the check.</summary>
    private static Task<(T? Value, string? Failure)> KnownOrReadAsync<T>(T? known, Func<CancellationToken, Task<T>> read, string what, CancellationToken cancellationToken)
        where T : class =>
        known is not null ? Task.FromResult<(T?, string?)>((known, null)) : ReadForCheckAsync(read(cancellationToken), what);

    /// <summary>
    /// One read of the check: an answer of 403 (a role without that permission) or 404 (a stand-in that serves the module
    /// requests only) skips the checks that need it, said in a warning; any other failure fails the check.
    /// </summary>
    private static async Task<(T? Value, string? Failure)> ReadForCheckAsync<T>(Task<T> read, string what)
        where T : class
    {
        try
        {
            return (await read.ConfigureAwait(false), null);
        }
        catch (RedisEnterpriseException e) when (e.Status is 403 or 404)
        {
            return (null, $"Not checked: {what}. {e.Message}");
        }
    }

    /// <summary>Disposes the connection when the client owns it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the connection when the client owns it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _lifetime.Cancel();
        _ownedHttpClient?.Dispose();
        _nodes?.Dispose();
    }

    private static Task<ModuleInfo> UploadAndWaitAsync(Func<Task<ModuleOperation>> start, CancellationToken cancellationToken) =>
        RedisEnterpriseModulesTelemetry.TraceAsync("UploadModule", null, null, async activity =>
        {
            ModuleOperation operation = await start().ConfigureAwait(false);
            RedisEnterpriseModulesTelemetry.TagModule(activity, operation.AcceptedModule);
            return await operation.WaitForModuleAsync(cancellationToken).ConfigureAwait(false);
        });

    private async Task<ModuleOperation> StartUploadAsync(ModuleFilePart part, UploadModuleOptions? options, string? filePath, bool checkPrepared, IReadOnlyList<ModuleInfo>? listedModules, CancellationToken cancellationToken)
    {
        ModuleInfo accepted = await SendPackageAsync("StartUploadModule", (connection, ct) => connection.UploadModuleAsync(part, ct), part, options, filePath, checkPrepared, listedModules, cancellationToken).ConfigureAwait(false);
        return new ModuleOperation(this, accepted) { StatusProgress = options?.ActionProgress };
    }

#pragma warning disable CS0618 // the deprecated endpoint, on purpose
    private Task<ModuleInfo> UploadV1Async(ModuleFilePart part, UploadModuleOptions? options, string? filePath, CancellationToken cancellationToken) =>
        SendPackageAsync("UploadModuleV1", (connection, ct) => connection.UploadModuleV1Async(part, ct), part, options, filePath, checkPrepared: false, listedModules: null, cancellationToken);
#pragma warning restore CS0618

    /// <summary>
    /// Checks the package as asked, sends it with <paramref name="send"/> and releases it; a failed check's refusal is the
    /// error, and a module already on the cluster is named from the package. <paramref name="listedModules"/>, when the caller
    /// has just listed them, serve the compatibility check.
    /// </summary>
    private async Task<ModuleInfo> SendPackageAsync(string operation, Func<ClusterConnection, CancellationToken, Task<ModuleInfo>> send, ModuleFilePart part, UploadModuleOptions? options, string? filePath, bool checkPrepared, IReadOnlyList<ModuleInfo>? listedModules, CancellationToken cancellationToken)
    {
        try
        {
            if (!checkPrepared) await PrepareCheckAsync(part, options, fromPath: filePath is not null, cancellationToken).ConfigureAwait(false);
            await CheckIfAskedAsync(part, options, fromPath: filePath is not null, listedModules, cancellationToken).ConfigureAwait(false);
            using StallWatch? stall = WatchForStall(part);
            return await CallAsync(operation, send, _options.UploadTimeout, cancellationToken, stall: stall).ConfigureAwait(false);
        }
        catch (Exception) when (part.Check?.Refusal is { } refusal)
        {
            throw new ModulePackageValidationException(refusal);
        }
        catch (ModuleAlreadyExistsException exists) when (filePath is not null)
        {
            throw exists.Naming(part.Check?.Metadata ?? await MetadataOrNullAsync(filePath).ConfigureAwait(false));
        }
        finally
        {
            await part.ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The package's <c>module.json</c>, to name the module in an error; <see langword="null"/> when it cannot be read.</summary>
    private static async Task<ModulePackageMetadata?> MetadataOrNullAsync(string filePath)
    {
        try
        {
            return (await ModulePackage.OpenAsync(filePath).ConfigureAwait(false)).Metadata;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModulePackageValidationException)
        {
            return null;
        }
    }

    private async Task<ModuleInfo?> FindInstalledAsync(ModulePackageMetadata package, CancellationToken cancellationToken) =>
        ModuleCompatibilityCheck.FindSameVersion(await ListModulesAsync(cancellationToken).ConfigureAwait(false), package);

    /// <summary>Checks the package's structure before the upload, and sets the check of its data that runs as it is sent, when validation is on.</summary>
    private static async Task PrepareCheckAsync(ModuleFilePart part, UploadModuleOptions? options, bool fromPath, CancellationToken cancellationToken)
    {
        if (!UploadModuleOptions.Validates(options, fromPath)) return;
        part.Check = await UploadCheck.PrepareAsync(part.Value, part.FileName!, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateUploadStream(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!content.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(content));
    }

    /// <summary>
    /// Runs one request in its span, with a timeout of its own: a timeout (as opposed to the caller's cancellation) becomes a
    /// <see cref="RedisEnterpriseConnectionException"/> naming the request.
    /// </summary>
    /// <remarks>One async method, not a span wrapper around a timeout wrapper: every layer that waits on the network is a state machine kept alive per call.</remarks>
    private async Task<T> CallAsync<T>(string operation, Func<ClusterConnection, CancellationToken, Task<T>> call, TimeSpan? timeout, CancellationToken cancellationToken, string? moduleUid = null, string? actionUid = null, StallWatch? stall = null, NodeInfo? node = null)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        using Activity? activity = RedisEnterpriseModulesTelemetry.Start(operation, moduleUid, actionUid);
        if (node is not null) activity?.SetTag(RedisEnterpriseModulesTelemetry.NodeUidTag, node.Uid);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        bool timed = timeout is { } limit && limit != Timeout.InfiniteTimeSpan;
        using CancellationTokenSource? timer = timed && _options.TimeProvider != TimeProvider.System ? new CancellationTokenSource(timeout!.Value, _options.TimeProvider) : null;
        if (timed && timer is null) linked.CancelAfter(timeout!.Value); // on the system clock the linked source keeps the time: one source fewer per call
        using CancellationTokenRegistration onTimeout = timer?.Token.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), linked) ?? default;
        using CancellationTokenRegistration onStall = stall?.Token.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), linked) ?? default;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            T result = await call(node is null ? _connection : _nodes.For(node), linked.Token).ConfigureAwait(false);
            switch (result)
            {
                case ModuleInfo module: RedisEnterpriseModulesTelemetry.TagModule(activity, module); break;
                case ActionInfo action: activity?.SetTag(RedisEnterpriseModulesTelemetry.ActionUidTag, action.ActionUid); break;
                case string startedAction when startedAction.Length > 0: activity?.SetTag(RedisEnterpriseModulesTelemetry.ActionUidTag, startedAction); break;
            }

            return result;
        }
        catch (Exception e) when (_lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var disposed = new ObjectDisposedException(GetType().FullName, new InvalidOperationException("The client was disposed while the call was in flight.", e));
            if (activity is not null) RedisEnterpriseModulesTelemetry.Fail(activity, disposed);
            throw disposed;
        }
        catch (Exception e) when (linked.IsCancellationRequested && IsCancellation(e))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The caller's own cancellation: the cancellation the transport saw, not a failure of the cluster.
                Exception cancelled = e as OperationCanceledException ?? e.InnerException!;
                if (activity is not null) RedisEnterpriseModulesTelemetry.Fail(activity, cancelled);
                ExceptionDispatchInfo.Throw(cancelled);
            }

            string method = (e as RedisEnterpriseException)?.Method ?? "?", path = (e as RedisEnterpriseException)?.Path ?? "?";
            // Neither the caller nor Dispose: the call's own timeout or the upload's stall watch.
            string why = stall is { Token.IsCancellationRequested: true } ? $"no byte moved for {stall.Limit} (UploadStallTimeout)" : $"the request took longer than {timeout}";
            Exception timedOut = ErrorMap.Connection(new CallSite(method, path, null), new TimeoutException(why, e));
            if (activity is not null) RedisEnterpriseModulesTelemetry.Fail(activity, timedOut);
            throw timedOut;
        }
        catch (Exception e) when (activity is not null)
        {
            RedisEnterpriseModulesTelemetry.Fail(activity, e);
            throw;
        }
    }

    private StallWatch? WatchForStall(ModuleFilePart part)
    {
        StallWatch? stall = StallWatch.Start(_options.UploadStallTimeout, _options.TimeProvider);
        part.Stall = stall;
        return stall;
    }

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException or RedisEnterpriseConnectionException { InnerException: OperationCanceledException };
}
