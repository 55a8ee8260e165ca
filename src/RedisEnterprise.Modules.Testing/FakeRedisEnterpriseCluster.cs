using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RedisEnterprise.Modules.Testing.Internal;

namespace RedisEnterprise.Modules.Testing;

/// <summary>
/// A simulated Redis Enterprise cluster for tests: the module and action endpoints of the REST API over HTTPS on a free
/// loopback port, with a self-signed certificate of its own, Basic authentication, and consistent state. Uploads through
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
    private readonly ClusterListener _listener;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private FakeRedisEnterpriseCluster(ClusterState state, X509Certificate2 serverCertificate, ClusterListener listener, CancellationTokenSource stopping)
    {
        _state = state;
        _serverCertificate = serverCertificate;
        _listener = listener;
        _stopping = stopping;
        Username = state.Options.Username;
        Password = state.Options.Password;
        Certificate = SelfSignedCertificate.PublicCopy(serverCertificate);
        CertificateThumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Endpoint = listener.Endpoint;
    }

    /// <summary>The REST API address, <c>https://127.0.0.1:&lt;port&gt;</c>.</summary>
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
            ClusterListener listener = Task.Run(() => ClusterListener.StartAsync(state, FakeNode.First, certificate, stopping.Token)).GetAwaiter().GetResult();
            return new FakeRedisEnterpriseCluster(state, certificate, listener, stopping);
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
        return options;
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
    /// Makes the action of the next accepted <c>POST /v2/modules</c> end <c>failed</c> with this error
    /// (<c>error_code</c>, <c>error_message</c>, and <c>additional_info.error</c> on v2); the module is then not stored.
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
        await _listener.DisposeAsync().ConfigureAwait(false);
        _serverCertificate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Raised when a request reaches the server, before any response delay (for tests of the fake itself).</summary>
    internal event EventHandler? RequestArrived
    {
        add => _state.RequestArrived += value;
        remove => _state.RequestArrived -= value;
    }

    /// <inheritdoc />
    public override string ToString() => $"Fake Redis Enterprise cluster at {Endpoint}";
}
