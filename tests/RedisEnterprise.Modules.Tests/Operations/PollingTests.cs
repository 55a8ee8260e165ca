namespace RedisEnterprise.Modules.Tests.Operations;

/// <summary>Following actions to their end with a fake clock: milliseconds of real time for minutes of polling.</summary>
public sealed class PollingTests : IDisposable
{
    private const string ModuleUid = "98f255d5d33704c8e4e97897fd92e32d";
    private const string ActionUid = "dfc0152c-8449-4b1c-9184-480ea7cb526c";
    private readonly MockCluster _cluster = MockCluster.Start();
    private readonly SteppingTime _time = new();

    public void Dispose() => _cluster.Dispose();

    private RedisEnterpriseModulesClient Client(Action<RedisEnterpriseModulesClientOptions>? configure = null) => _cluster.CreateClient(o =>
    {
        o.TimeProvider = _time;
        o.RequestTimeout = Timeout.InfiniteTimeSpan; // only the polls (and retry delays) create timers
        o.UploadStallTimeout = null;
        o.AttemptTimeout = Timeout.InfiniteTimeSpan;
        configure?.Invoke(o);
    });

    private static string Action(string status, string progress = "null", string extra = "") =>
        $$"""{"action_uid":"{{ActionUid}}","name":"module_upload","status":"{{status}}","progress":{{progress}}{{extra}}}""";

    /// <summary>The action answers with these bodies, one per poll, the last one for good.</summary>
    private void ActionSequence(params (int Status, string? Body)[] answers) =>
        _cluster.AnswerInTurn($"/v1/actions/{ActionUid}", [.. answers.Select(a => MockCluster.Answer(a.Status, a.Body))]);

    private void UploadAccepted(int status = 200)
    {
        _cluster.Given("POST", "/v2/modules", status, MockCluster.Data("module-v2-redisgears.json"));
        _cluster.Given("GET", $"/v1/modules/{ModuleUid}", 200, MockCluster.Data("module-v2-redisgears.json").Replace("\"action_uid\":\"dfc0152c-8449-4b1c-9184-480ea7cb526c\",", "", StringComparison.Ordinal));
    }

    private int Polls => _cluster.Received.Count(e => e.RequestMessage!.Path.StartsWith("/v1/actions/", StringComparison.Ordinal));

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    public async Task Upload_polls_queued_running_completed_then_gets_the_module(int acceptedStatus)
    {
        UploadAccepted(acceptedStatus);
        ActionSequence((200, Action("queued", "0")), (200, Action("running", "\"50\"")), (200, Action("completed", "\"100\"")));
        var seen = new List<ActionInfo>();
        using var client = Client();

        ModuleInfo module = await _time.Drive(
            client.UploadModuleAsync(new MemoryStream([1, 2, 3]), "rg.zip", new UploadModuleOptions { ActionProgress = new SynchronousProgress<ActionInfo>(seen.Add) }));

        Assert.Equal(ModuleUid, module.Uid);
        Assert.Null(module.ActionUid);
        Assert.Equal([ActionStatus.Queued, ActionStatus.Running, ActionStatus.Completed], seen.Select(a => a.Status));
        Assert.Equal([0d, 50d, 100d], seen.Select(a => a.Progress!.Value));
        Assert.Equal(3, Polls);
        Assert.Equal("GET", _cluster.Received[^1].RequestMessage!.Method);
        Assert.Equal($"/v1/modules/{ModuleUid}", _cluster.Received[^1].RequestMessage!.Path);
    }

    [Fact]
    public async Task A_failed_action_throws_with_its_error()
    {
        UploadAccepted();
        ActionSequence((200, Action("running", "50.0")), (200, Action("failed", "50.0", ""","error_code":"insufficient_resources","error_message":"not enough memory on node 1" """)));
        using var client = Client();

        var error = await Assert.ThrowsAsync<ActionFailedException>(() => _time.Drive(client.UploadModuleAsync(new MemoryStream([1]), "m.zip")));

        Assert.Equal(ActionStatus.Failed, error.Action.Status);
        Assert.Equal("insufficient_resources", error.ErrorCode);
        Assert.Contains("not enough memory on node 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(ActionUid, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("aborted")]
    public async Task Cancelled_and_aborted_actions_throw(string status)
    {
        ActionSequence((200, Action(status)));
        using var client = Client();
        var error = await Assert.ThrowsAsync<ActionFailedException>(() => _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));
        Assert.Equal(status, error.Action.RawStatus);
    }

    [Fact]
    public async Task Unknown_statuses_keep_polling()
    {
        ActionSequence((200, Action("rebalancing")), (200, Action("pending")), (200, Action("completed")));
        using var client = Client();
        ActionInfo final = await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync());
        Assert.Equal(ActionStatus.Completed, final.Status);
        Assert.Equal(3, Polls);
    }

    [Fact]
    public async Task Resuming_from_a_stored_action_uid()
    {
        ActionSequence((200, Action("running")), (200, Action("completed")));
        using var client = Client();
        var operation = new ActionOperation(client, ActionUid);
        Assert.Null(operation.LastStatus);
        Assert.False(operation.HasCompleted);

        ActionInfo first = await operation.UpdateStatusAsync();
        Assert.Equal(ActionStatus.Running, first.Status);
        Assert.False(operation.HasCompleted);

        await _time.Drive(operation.WaitForCompletionAsync());
        Assert.True(operation.HasCompleted);
        Assert.Equal(ActionStatus.Completed, operation.LastStatus!.Status);
    }

    [Fact]
    public async Task Resuming_a_module_upload_gets_the_module()
    {
        UploadAccepted();
        ActionSequence((200, Action("completed")));
        using var client = Client();
        var operation = new ModuleOperation(client, ActionUid, ModuleUid);
        Assert.Null(operation.AcceptedModule);
        Assert.Equal("rg", (await _time.Drive(operation.WaitForModuleAsync())).ModuleName);
    }

    [Fact]
    public async Task Start_returns_at_once_with_the_accepted_module()
    {
        UploadAccepted();
        using var client = Client();
        ModuleOperation operation = await client.StartUploadModuleAsync(new MemoryStream([1]), "m.zip");
        Assert.Equal(ActionUid, operation.ActionUid);
        Assert.Equal(ModuleUid, operation.ModuleUid);
        Assert.Equal("rg", operation.AcceptedModule!.ModuleName);
        Assert.Equal(0, Polls);
    }

    [Fact]
    public async Task The_operation_timeout_names_the_action_and_its_last_status()
    {
        ActionSequence((200, Action("running", "\"42\"")));
        using var client = Client(o => o.OperationTimeout = TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));

        Assert.Contains(ActionUid, error.Message, StringComparison.Ordinal);
        Assert.Contains("running 42%", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), _time.TotalAdvanced);
    }

    [Fact]
    public async Task An_infinite_operation_timeout_polls_until_the_action_ends()
    {
        ActionSequence((200, Action("running")), (200, Action("running")), (200, Action("running")), (200, Action("completed")));
        using var client = Client(o => o.OperationTimeout = Timeout.InfiniteTimeSpan);

        ActionInfo final = await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync());

        Assert.Equal(ActionStatus.Completed, final.Status);
        Assert.Equal(4, Polls);
        Assert.Equal([1, 1.5, 2.25], _time.Advances.Select(a => a.TotalSeconds));
    }

    [Fact]
    public async Task Backoff_grows_from_the_polling_interval_to_the_maximum()
    {
        ActionSequence((200, Action("running")), (200, Action("running")), (200, Action("running")), (200, Action("running")), (200, Action("running")), (200, Action("running")), (200, Action("completed")));
        using var client = Client(o =>
        {
            o.PollingInterval = TimeSpan.FromSeconds(1);
            o.MaxPollingInterval = TimeSpan.FromSeconds(3);
        });
        await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync());
        // The clock advances by exactly each wait the polling loop starts: 1 s, growing by half each time, capped at 3 s.
        Assert.Equal([1, 1.5, 2.25, 3, 3, 3], _time.Advances.Select(a => a.TotalSeconds));
        Assert.InRange(_time.TotalAdvanced, TimeSpan.FromSeconds(1 + 1.5 + 2.25 + 3 + 3 + 3), TimeSpan.FromSeconds(1 + 1.5 + 2.25 + 3 + 3 + 3) + TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(1 + 1.5 + 2.25 + 3 + 3 + 3), _time.TotalAdvanced);
        Assert.Equal(7, Polls);
    }

    [Fact]
    public async Task An_early_404_is_retried_a_lasting_one_fails_clearly()
    {
        ActionSequence((404, null), (404, null), (200, Action("completed")));
        using var client = Client();
        Assert.Equal(ActionStatus.Completed, (await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync())).Status);

        _cluster.Server.ResetMappings();
        _cluster.Server.ResetLogEntries();
        _cluster.Given("GET", $"/v1/actions/{ActionUid}", 404);
        var error = await Assert.ThrowsAsync<ActionNotFoundException>(() => _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));
        Assert.Equal(ActionUid, error.ActionUid);
        Assert.Equal(6, Polls);
    }

    [Fact]
    public async Task A_404_after_the_action_was_seen_fails_at_once()
    {
        ActionSequence((200, Action("running")), (404, null));
        using var client = Client();
        await Assert.ThrowsAsync<ActionNotFoundException>(() => _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));
        Assert.Equal(2, Polls);
    }

    [Fact]
    public async Task Transient_failures_while_polling_are_retried()
    {
        ActionSequence((200, Action("running")), (503, null), (500, """{"error_code":"internal_error"}"""), (429, null), (200, Action("completed")));
        using var client = Client();
        Assert.Equal(ActionStatus.Completed, (await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync())).Status);
        Assert.Equal(5, Polls);
    }

    [Fact]
    public async Task A_permanent_error_while_polling_is_not_retried()
    {
        ActionSequence((403, null));
        using var client = Client();
        await Assert.ThrowsAsync<PermissionDeniedException>(() => _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));
        Assert.Equal(1, Polls);
    }

    [Fact]
    public async Task Cancellation_stops_polling_at_once_and_sends_nothing_to_the_action()
    {
        ActionSequence((200, Action("running")));
        using var client = Client();
        using var cts = new CancellationTokenSource();
        var polled = new TaskCompletionSource();
        var operation = new ActionOperation(client, ActionUid) { StatusProgress = new SynchronousProgress<ActionInfo>(_ => polled.TrySetResult()) };
        Task wait = operation.WaitForCompletionAsync(cts.Token);
        await polled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        cts.Cancel(); // the poller is waiting on the fake clock, which never moves: only the token can end it
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.All(_cluster.Received, e => Assert.Equal("GET", e.RequestMessage!.Method));
    }

    [Fact]
    public async Task A_fixed_polling_interval_overload_polls_at_that_interval()
    {
        ActionSequence((200, Action("running")), (200, Action("running")), (200, Action("completed")));
        using var client = Client();
        await _time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), _time.TotalAdvanced);
    }

    [Fact]
    public async Task Delete_v2_follows_its_action()
    {
        _cluster.Given("DELETE", $"/v2/modules/{ModuleUid}", 200, $$"""{"action_uid":"{{ActionUid}}"}""");
        ActionSequence((200, Action("running")), (200, Action("completed")));
        using var client = Client();
        await _time.Drive(client.DeleteModuleAsync(ModuleUid));
        Assert.Equal(2, Polls);
    }

    [Fact]
    public async Task Delete_without_action_uid_is_a_clear_error()
    {
        _cluster.Given("DELETE", $"/v2/modules/{ModuleUid}", 200, "{}");
        using var client = Client();
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.DeleteModuleAsync(ModuleUid));
        Assert.Contains("action_uid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_v1_is_synchronous_and_406_maps()
    {
        _cluster.Given("DELETE", $"/v1/modules/{ModuleUid}", 200);
        _cluster.Given("DELETE", "/v1/modules/other", 406, """{"error_code":"not_acceptable","message":"The request is not acceptable."}""");
        using var client = Client();
        await client.DeleteModuleV1Async(ModuleUid);
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.DeleteModuleV1Async("other"));
        Assert.Equal(406, error.Status);
        Assert.Equal(0, Polls);
    }


    [Fact]
    public async Task An_operation_of_a_decorated_client_polls_with_the_wrapped_clients_settings()
    {
        ActionSequence((200, Action("running", "\"42\"")));
        using var client = Client(o => o.OperationTimeout = TimeSpan.FromMinutes(2));
        var decorated = new ForwardingClient(client);

        await Assert.ThrowsAsync<TimeoutException>(() => _time.Drive(new ActionOperation(decorated, ActionUid).WaitForCompletionAsync()));

        Assert.Same(client.Polling, decorated.Polling);
        Assert.Equal(TimeSpan.FromMinutes(2), _time.TotalAdvanced); // the defaults would wait 30 minutes
    }

    /// <summary>A decorator as a user writes one: every call forwarded to the real client.</summary>
    private sealed class ForwardingClient(IRedisEnterpriseModulesClient inner) : IRedisEnterpriseModulesClient
    {
        public OperationPolling Polling => inner.Polling;

        public Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken = default) => inner.ListModulesAsync(cancellationToken);

        public Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken = default) => inner.GetModuleAsync(uid, cancellationToken);

        public Task<ModuleInfo> UploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.UploadModuleAsync(filePath, options, cancellationToken);

        public Task<ModuleInfo> UploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.UploadModuleAsync(content, fileName, options, cancellationToken);

        public Task<ModuleOperation> StartUploadModuleAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.StartUploadModuleAsync(filePath, options, cancellationToken);

        public Task<ModuleOperation> StartUploadModuleAsync(Stream content, string fileName, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.StartUploadModuleAsync(content, fileName, options, cancellationToken);

        public Task DeleteModuleAsync(string uid, CancellationToken cancellationToken = default) => inner.DeleteModuleAsync(uid, cancellationToken);

        public Task<ActionOperation> StartDeleteModuleAsync(string uid, CancellationToken cancellationToken = default) => inner.StartDeleteModuleAsync(uid, cancellationToken);

        public Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken = default) => inner.GetActionAsync(actionUid, cancellationToken);

#pragma warning disable CS0618 // forwarded as they are
        public Task<ModuleInfo> UploadModuleV1Async(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.UploadModuleV1Async(filePath, options, cancellationToken);

        public Task DeleteModuleV1Async(string uid, CancellationToken cancellationToken = default) => inner.DeleteModuleV1Async(uid, cancellationToken);
#pragma warning restore CS0618

        public Task<EnsureModuleResult> EnsureModuleInstalledAsync(string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.EnsureModuleInstalledAsync(filePath, options, cancellationToken);

        public Task<ClusterInfo> GetClusterAsync(CancellationToken cancellationToken = default) => inner.GetClusterAsync(cancellationToken);

        public Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default) => inner.ListNodesAsync(cancellationToken);

        public Task<ModuleManagementMode> GetModuleManagementModeAsync(CancellationToken cancellationToken = default) => inner.GetModuleManagementModeAsync(cancellationToken);

        public Task<ModuleInfo> CreateUserDefinedModuleAsync(ModulePackageMetadata metadata, CancellationToken cancellationToken = default) => inner.CreateUserDefinedModuleAsync(metadata, cancellationToken);

        public Task DeleteUserDefinedModuleAsync(string uid, CancellationToken cancellationToken = default) => inner.DeleteUserDefinedModuleAsync(uid, cancellationToken);

        public Task<IReadOnlyList<ModuleArtifact>> ListModuleArtifactsAsync(NodeInfo node, CancellationToken cancellationToken = default) => inner.ListModuleArtifactsAsync(node, cancellationToken);

        public Task UploadModuleArtifactAsync(NodeInfo node, string filePath, UploadModuleOptions? options = null, CancellationToken cancellationToken = default) => inner.UploadModuleArtifactAsync(node, filePath, options, cancellationToken);

        public Task DeleteModuleArtifactAsync(NodeInfo node, string moduleName, long version, CancellationToken cancellationToken = default) => inner.DeleteModuleArtifactAsync(node, moduleName, version, cancellationToken);

        public Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, CancellationToken cancellationToken = default) => inner.CheckModuleCompatibilityAsync(packagePath, cancellationToken);

        public Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(string packagePath, UploadModuleOptions? options, CancellationToken cancellationToken = default) => inner.CheckModuleCompatibilityAsync(packagePath, options, cancellationToken);

        public Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, CancellationToken cancellationToken = default) => inner.CheckModuleCompatibilityAsync(content, fileName, cancellationToken);

        public Task<ModuleCompatibilityReport> CheckModuleCompatibilityAsync(Stream content, string fileName, UploadModuleOptions? options, CancellationToken cancellationToken = default) => inner.CheckModuleCompatibilityAsync(content, fileName, options, cancellationToken);

        public Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken = default) => inner.ListDatabasesAsync(cancellationToken);

        public Task<DatabaseInfo> GetDatabaseAsync(int uid, CancellationToken cancellationToken = default) => inner.GetDatabaseAsync(uid, cancellationToken);

        public Task<IReadOnlyList<DatabaseInfo>> FindDatabasesUsingModuleAsync(string moduleName, CancellationToken cancellationToken = default) => inner.FindDatabasesUsingModuleAsync(moduleName, cancellationToken);

        public Task<DatabaseInfo> PreviewDatabaseUpgradeAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default) => inner.PreviewDatabaseUpgradeAsync(databaseUid, request, cancellationToken);

        public Task<DatabaseUpgradeOperation> StartUpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default) => inner.StartUpgradeDatabaseAsync(databaseUid, request, cancellationToken);

        public Task<DatabaseInfo> UpgradeDatabaseAsync(int databaseUid, DatabaseUpgradeRequest request, CancellationToken cancellationToken = default) => inner.UpgradeDatabaseAsync(databaseUid, request, cancellationToken);

        public Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default) => inner.StartUpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, cancellationToken);

        public Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, CancellationToken cancellationToken = default) => inner.UpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, cancellationToken);

        public Task<DatabaseUpgradeOperation> StartUpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default) => inner.StartUpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, settings, cancellationToken);

        public Task<DatabaseInfo> UpgradeDatabaseModuleAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings, CancellationToken cancellationToken = default) => inner.UpgradeDatabaseModuleAsync(databaseUid, moduleName, semanticVersion, settings, cancellationToken);

        public Task<DatabaseInfo> PreviewDatabaseModuleUpgradeAsync(int databaseUid, string moduleName, string semanticVersion, DatabaseUpgradeRequest? settings = null, CancellationToken cancellationToken = default) => inner.PreviewDatabaseModuleUpgradeAsync(databaseUid, moduleName, semanticVersion, settings, cancellationToken);
    }
}
