using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RedisEnterprise.Modules.Testing.Internal;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

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
    private readonly WireMockServer _server;
    private readonly X509Certificate2 _serverCertificate;
    private readonly ClusterState _state;
    private readonly TimeSpan _responseDelay;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private int _disposed;

    private FakeRedisEnterpriseCluster(FakeClusterOptions options, X509Certificate2 serverCertificate)
    {
        _serverCertificate = serverCertificate;
        _state = new ClusterState(options);
        _responseDelay = options.ResponseDelay;
        _stoppingToken = _stopping.Token; // taken once: a delay that starts after disposal sees it cancelled, not disposed
        Username = options.Username;
        Password = options.Password;
        Certificate = SelfSignedCertificate.PublicCopy(serverCertificate);
        CertificateThumbprint = Certificate.GetCertHashString(HashAlgorithmName.SHA256);

        // Port 0: Kestrel binds a free port itself and WireMock reports it, so parallel instances never race for one.
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["https://127.0.0.1:0"],
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = serverCertificate },
            StartAdminInterface = false,
            ReadStaticMappings = false,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 0, // the cluster keeps its own log (Requests)
            DisableRequestBodyDecompressing = true,
            DisableJsonBodyParsing = true,
        });
        _server
            .Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(RespondAsync));
        Endpoint = new Uri($"https://127.0.0.1:{_server.Ports[0]}");
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
        X509Certificate2 certificate = SelfSignedCertificate.Create();
        try
        {
            return new FakeRedisEnterpriseCluster(settings, certificate);
        }
        catch
        {
            certificate.Dispose();
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
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel(); // ends pending response delays
        _server.Stop();
        _server.Dispose();
        _serverCertificate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Stops the server and releases its port and certificate. Safe to call more than once.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Raised when a request reaches the server, before any response delay (for tests of the fake itself).</summary>
    internal event EventHandler? RequestArrived;

    /// <inheritdoc />
    public override string ToString() => $"Fake Redis Enterprise cluster at {Endpoint}";

    private async Task<IResponseMessage> RespondAsync(IRequestMessage message)
    {
        RequestArrived?.Invoke(this, EventArgs.Empty);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, WireMockList<string>> header in message.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var request = new FakeRequest(message.Method.ToUpperInvariant(), message.Path, headers, message.BodyAsBytes ?? []);
        if (_responseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_responseDelay, _stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _state.Record(request, 503);
                return ToMessage(new FakeResponse(503, ClusterJson.Error("service_unavailable", "The cluster is shutting down.")));
            }
        }

        return ToMessage(_state.Handle(request));
    }

    private static ResponseMessage ToMessage(FakeResponse response)
    {
        var message = new ResponseMessage { StatusCode = response.StatusCode };
        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            message.AddHeader(name, value);
        }

        if (response.Json is not null)
        {
            message.AddHeader("Content-Type", "application/json");
            message.BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = response.Json, Encoding = Encoding.UTF8 };
        }

        return message;
    }
}
