using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RedisEnterprise.Modules.Testing.Internal;

namespace RedisEnterprise.Modules.Testing;

/// <summary>
/// A simulated Redis Enterprise cluster for tests: the module, action, cluster and node endpoints of the REST API over HTTPS,
/// with a self-signed certificate of its own, Basic authentication, and consistent state. By default it acts like Redis
/// Software 8.2 with 3 nodes (<see cref="FakeClusterOptions.SoftwareVersion"/>, <see cref="FakeClusterOptions.NodeCount"/>):
/// each node is its own HTTPS listener on 127.0.0.&lt;uid&gt; (the same port as <see cref="Endpoint"/> when free) presenting
/// the cluster's certificate, which names the cluster, not the nodes' addresses; user-defined modules live in the
/// configuration store and each node keeps its own packages (<see cref="NodeArtifacts"/>). On a 7.x version, uploads through
/// <c>/v2/modules</c> and deletes through <c>/v2/modules/{uid}</c> return an action that advances each time it is polled;
/// their effect shows in <see cref="Modules"/> when it completes. Instances are independent and safe to run in parallel.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { PollsToComplete = 2 });
/// using RedisEnterpriseModulesClient client = cluster.CreateClient();
/// IReadOnlyList&lt;ModuleInfo&gt; modules = await client.ListModulesAsync();
/// </code>
/// </example>
public sealed class FakeRedisEnterpriseCluster : IAsyncDisposable, IDisposable
{
    private readonly X509Certificate2 _serverCertificate;
    private readonly ClusterState _state;
    private readonly List<ClusterListener> _listeners;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private FakeRedisEnterpriseCluster(ClusterState state, X509Certificate2 serverCertificate, List<ClusterListener> listeners, CancellationTokenSource stopping)
    {
        _state = state;
        _serverCertificate = serverCertificate;
        _listeners = listeners;
        _stopping = stopping;
        Username = state.Options.Username;
        Password = state.Options.Password;
        Certificate = SelfSignedCertificate.PublicCopy(serverCertificate);
        CertificateThumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Endpoint = listeners[0].Endpoint;
    }

    /// <summary>The REST API address, <c>https://127.0.0.1:&lt;port&gt;</c>: node 1's listener.</summary>
    public Uri Endpoint { get; }

    /// <summary>The admin user's name.</summary>
    public string Username { get; }

    /// <summary>The admin user's password.</summary>
    public string Password { get; }

    /// <summary>
    /// The cluster's self-signed certificate (public part only), to trust through
    /// <see cref="RedisEnterpriseModulesClientOptions.TrustedCertificates"/>. It stays usable after the cluster is disposed.
    /// </summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The SHA-256 fingerprint of <see cref="Certificate"/> in hex, for <see cref="RedisEnterpriseModulesClientOptions.CertificateThumbprint"/>.</summary>
    public string CertificateThumbprint { get; }

    /// <summary>The modules the cluster holds now, in the order GET /v1/modules lists them (a snapshot).</summary>
    public IReadOnlyList<ModuleInfo> Modules => _state.Modules;

    /// <summary>The cluster's nodes as <c>GET /v1/nodes</c> reports them (a snapshot).</summary>
    public IReadOnlyList<NodeInfo> Nodes => _state.Nodes.Select(ToNodeInfo).ToArray();

    /// <summary>The cluster's databases now, as <c>GET /v1/bdbs</c> lists them (a snapshot).</summary>
    public IReadOnlyList<DatabaseInfo> Databases => _state.Databases;

    /// <summary>The cluster's <c>allow_modules_upload</c> now (Redis Software 8.2 and later).</summary>
    public bool AllowModulesUpload => _state.AllowModulesUpload;

    /// <summary>Every request received so far, oldest first, with the status code of its answer (a snapshot).</summary>
    public IReadOnlyList<FakeClusterRequest> Requests => _state.Requests;

    /// <summary>Starts a cluster on a free port. Dispose it to stop it.</summary>
    /// <param name="options">How the cluster behaves; copied. <see langword="null"/> uses the defaults.</param>
    /// <returns>The running cluster.</returns>
    /// <exception cref="ArgumentException">A setting is wrong; the message names it.</exception>
    public static FakeRedisEnterpriseCluster Start(FakeClusterOptions? options = null)
    {
        FakeClusterOptions settings = (options ?? new FakeClusterOptions()).Clone();
        settings.Validate();
        var state = new ClusterState(settings);
        X509Certificate2 certificate = SelfSignedCertificate.Create();
        var stopping = new CancellationTokenSource();
        try
        {
            // Off the caller's thread: a synchronous start must not wait on a continuation queued to the caller's context.
            List<ClusterListener> listeners = Task.Run(() => StartNodesAsync(state, certificate, settings.NodeCount, stopping.Token)).GetAwaiter().GetResult();
            return new FakeRedisEnterpriseCluster(state, certificate, listeners, stopping);
        }
        catch
        {
            certificate.Dispose();
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Client options for this cluster: endpoint, admin credentials, <see cref="Certificate"/> as the only trusted root
    /// (validation stays on), and short polling intervals (10 ms up to 50 ms) so waits on actions are quick.
    /// </summary>
    /// <returns>New options, which the caller may change.</returns>
    public RedisEnterpriseModulesClientOptions CreateClientOptions()
    {
        var options = new RedisEnterpriseModulesClientOptions
        {
            Endpoint = Endpoint,
            Username = Username,
            Password = Password,
            PollingInterval = TimeSpan.FromMilliseconds(10),
            MaxPollingInterval = TimeSpan.FromMilliseconds(50),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(30),
            OperationTimeout = TimeSpan.FromSeconds(30),
        };
        options.TrustedCertificates.Add(Certificate);
        foreach (FakeNodeState node in _state.Nodes)
        {
            // A node whose address had the cluster's port taken listens elsewhere: the default node rule would miss it.
            if (node.Port != Endpoint.Port) options.NodeEndpoints[node.Node.Uid] = NodeEndpoint(node);
        }

        return options;
    }

    /// <summary>
    /// Adds a node (Redis Software 8: it has none of the cluster's packages yet, as a node that joins a real cluster), listening
    /// on the next loopback address. Clients made before by <see cref="CreateClientOptions"/> reach it by the default rule when
    /// it got the cluster's port.
    /// </summary>
    /// <param name="softwareVersion">The version the node reports; <see langword="null"/> for <see cref="FakeClusterOptions.SoftwareVersion"/> (another one simulates a rolling upgrade).</param>
    /// <returns>The node as <c>GET /v1/nodes</c> reports it.</returns>
    public NodeInfo AddNode(string? softwareVersion = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (softwareVersion is not null && FakeClusterOptions.MajorOf(softwareVersion) is null) throw new ArgumentException("The version must read like 8.2.0-25.", nameof(softwareVersion));
        lock (_listeners)
        {
            int uid = _state.Nodes.Max(n => n.Node.Uid) + 1;
            ClusterListener listener = Task.Run(() => StartNodeAsync(_state, _serverCertificate, uid, Endpoint.Port, softwareVersion ?? _state.Options.SoftwareVersion, _stopping.Token)).GetAwaiter().GetResult();
            _listeners.Add(listener);
            return ToNodeInfo(_state.Nodes.Single(n => n.Node.Uid == uid));
        }
    }

    /// <summary>The packages stored on one node (Redis Software 8), as <c>GET /v2/local/modules/user-defined/artifacts</c> lists them there.</summary>
    /// <param name="nodeUid">The node's uid.</param>
    /// <returns>A snapshot of the node's artifacts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no such node.</exception>
    public IReadOnlyList<ModuleArtifact> NodeArtifacts(int nodeUid) => _state.NodeArtifacts(nodeUid);

    /// <summary>Makes the next package upload to one node (<c>POST /v2/local/modules/user-defined/artifacts</c>) fail with this error; later uploads behave normally again.</summary>
    /// <param name="nodeUid">The node's uid.</param>
    /// <param name="errorCode">The <c>error_code</c>, e.g. <c>no_module</c>.</param>
    /// <param name="statusCode">The status code (default 400).</param>
    /// <exception cref="ArgumentOutOfRangeException">There is no such node, or the status is not an error.</exception>
    public void FailNextArtifactUploadWith(int nodeUid, string errorCode, int statusCode = 400)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        _state.FailNextArtifactUpload(nodeUid, new ClusterError(statusCode, errorCode, $"The upload to node {nodeUid} failed: {errorCode} (simulated)."));
    }

    /// <summary>Adds a database, loading modules the cluster holds now (found by module name and semantic version).</summary>
    /// <param name="database">The database.</param>
    /// <returns>The database as <c>GET /v1/bdbs/{uid}</c> reports it.</returns>
    /// <exception cref="ArgumentException">A module it names is not on the cluster, or its uid is taken.</exception>
    public DatabaseInfo AddDatabase(FakeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return _state.AddDatabase(database);
    }

    /// <summary>Marks a module as used by a database: deleting its configuration or its packages answers <c>406 module_in_use</c>.</summary>
    /// <param name="uid">The module's uid.</param>
    public void MarkModuleInUse(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        _state.MarkModuleInUse(uid);
    }

    /// <summary>A client configured by <see cref="CreateClientOptions"/>; the caller disposes it.</summary>
    /// <returns>The client.</returns>
    public RedisEnterpriseModulesClient CreateClient() => new(CreateClientOptions());

    /// <summary>
    /// Makes the next upload (<c>POST /v1/modules</c> or <c>/v2/modules</c>) fail with this error, whatever it holds;
    /// later uploads behave normally again.
    /// </summary>
    /// <param name="errorCode">The <c>error_code</c>, e.g. <c>min_redis_pack_version</c> or <c>os_not_supported</c>.</param>
    /// <param name="message">The <c>message</c>; a generic one when <see langword="null"/>.</param>
    /// <param name="statusCode">The status code (default 400).</param>
    public void FailNextUploadWith(string errorCode, string? message = null, int statusCode = 400)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        _state.FailNextUpload(new ClusterError(statusCode, errorCode, message ?? $"The upload failed: {errorCode} (simulated)."));
    }

    /// <summary>
    /// Makes the next action started (of an accepted <c>POST /v2/modules</c>, or of a database upgrade) end <c>failed</c> with
    /// this error (<c>error_code</c>, <c>error_message</c>, and <c>additional_info.error</c> on v2); the module is then not
    /// stored, the database not changed.
    /// </summary>
    /// <param name="errorCode">The action's <c>error_code</c>, e.g. <c>insufficient_resources</c> or <c>internal_error</c>.</param>
    /// <param name="message">The action's <c>error_message</c>.</param>
    public void FailNextActionWith(string errorCode, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ArgumentNullException.ThrowIfNull(message);
        _state.FailNextAction(new ClusterError(200, errorCode, message));
    }

    /// <summary>Makes the next <paramref name="count"/> requests, whatever they are, answer <c>503 Service Unavailable</c>.</summary>
    /// <param name="count">How many requests fail; added to any still pending.</param>
    public void Flaky(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _state.AddFlakyRequests(count);
    }

    /// <summary>Stops the server and releases its port and certificate. Safe to call more than once.</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    /// <summary>Stops the server and releases its port and certificate. Safe to call more than once.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false); // ends pending response delays, which then answer 503
        ClusterListener[] listeners;
        lock (_listeners) listeners = [.. _listeners];
        foreach (ClusterListener listener in listeners) await listener.DisposeAsync().ConfigureAwait(false);
        _serverCertificate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Raised when a request reaches the server, before any response delay (for tests of the fake itself).</summary>
    internal event EventHandler? RequestArrived
    {
        add => _state.RequestArrived += value;
        remove => _state.RequestArrived -= value;
    }

    private static async Task<List<ClusterListener>> StartNodesAsync(ClusterState state, X509Certificate2 certificate, int count, CancellationToken stopping)
    {
        var listeners = new List<ClusterListener>(count);
        try
        {
            listeners.Add(await StartNodeAsync(state, certificate, 1, port: 0, state.Options.SoftwareVersion, stopping).ConfigureAwait(false));
            for (int uid = 2; uid <= count; uid++)
            {
                listeners.Add(await StartNodeAsync(state, certificate, uid, listeners[0].Endpoint.Port, state.Options.SoftwareVersion, stopping).ConfigureAwait(false));
            }

            return listeners;
        }
        catch
        {
            foreach (ClusterListener listener in listeners) await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts node <paramref name="uid"/> on 127.0.0.&lt;uid&gt;, on <paramref name="port"/> when that address has it free, else on
    /// a free port; where only 127.0.0.1 is a loopback address (macOS), on 127.0.0.1 and a free port of its own.
    /// </summary>
    private static async Task<ClusterListener> StartNodeAsync(ClusterState state, X509Certificate2 certificate, int uid, int port, string softwareVersion, CancellationToken stopping)
    {
        var node = new FakeNode(uid, uid == 1 ? IPAddress.Loopback : new IPAddress([127, 0, 0, (byte)uid]));
        ClusterListener listener;
        try
        {
            listener = await ClusterListener.StartAsync(state, node, certificate, stopping, port).ConfigureAwait(false);
        }
        catch (Exception e) when (port != 0 && e is IOException or InvalidOperationException)
        {
            try
            {
                listener = await ClusterListener.StartAsync(state, node, certificate, stopping).ConfigureAwait(false);
            }
            catch (Exception again) when (again is IOException or InvalidOperationException)
            {
                node = node with { Address = IPAddress.Loopback };
                listener = await ClusterListener.StartAsync(state, node, certificate, stopping).ConfigureAwait(false);
            }
        }

        state.AddNode(new FakeNodeState(node, softwareVersion) { Port = listener.Endpoint.Port });
        return listener;
    }

    private static Uri NodeEndpoint(FakeNodeState node) => new($"https://{node.Node.Address}:{node.Port.ToString(CultureInfo.InvariantCulture)}");

    private NodeInfo ToNodeInfo(FakeNodeState node) => RedisEnterpriseModulesModelFactory.NodeInfo(
        uid: node.Node.Uid,
        address: node.Node.Address.ToString(),
        externalAddresses: [],
        status: "active",
        softwareVersion: node.SoftwareVersion,
        osName: _state.Options.NodeOsName,
        osSemanticVersion: _state.Options.NodeOsVersion,
        osVersion: $"{_state.Options.NodeOsName} {_state.Options.NodeOsVersion}",
        architecture: _state.Options.NodeArchitecture,
        shardCount: 0);

    /// <inheritdoc />
    public override string ToString() => $"Fake Redis Enterprise cluster at {Endpoint}";
}
