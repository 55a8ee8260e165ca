using Microsoft.Extensions.Logging;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// Transport faults, one per test: each call ends with the documented exception (a <see cref="RedisEnterpriseConnectionException"/>
/// when no whole answer came back), within the configured timeout on the client's clock, the broken connection is
/// gone, and the same client instance serves the next call on a fresh one.
/// </summary>
public sealed class FaultTests
{
    /// <summary>How long a test waits for something that should happen at once; never a timing assertion.</summary>
    internal static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Faults on a read (GET), scripted on the first connection of a raw server; later connections are healthy.</summary>
    public static readonly TheoryData<string> ReadFaults = new(FaultScripts.ReadFaults.Keys);

    public static readonly TheoryData<string> UploadFaults = new(FaultScripts.UploadFaults.Keys);

    [Theory]
    [MemberData(nameof(ReadFaults))]
    public async Task A_read_fault_ends_in_a_connection_error_and_the_client_keeps_working(string fault)
    {
        using var faulty = new FaultyUntilHealed(FaultScripts.ReadFaults[fault]());
        FaultScript script = faulty.Script;
        RawServer server = faulty.Server;
        var client = new RedisEnterpriseModulesClient(Options(server.Endpoint, faulty.Time));

        Task<ModuleInfo> call = client.GetModuleAsync("m1");
        await faulty.TimeOutIfScriptedAsync(call);

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => call.WaitAsync(Generous));
        Assert.Equal(0, error.Status);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/v1/modules/m1", error.Path);
        Assert.Contains("GET /v1/modules/m1", error.Message, StringComparison.Ordinal);
        if (script.NeedsTimeout)
        {
            Assert.IsType<TimeoutException>(error.InnerException);
        }
        else
        {
            Assert.IsNotType<TimeoutException>(error.InnerException);
            Assert.Contains(script.Says is { } says ? [says] : FaultScript.EitherTransportMessage, m => error.Message.Contains(m, StringComparison.Ordinal));
        }

        int broken = await faulty.HealAsync();
        ModuleInfo next = await client.GetModuleAsync("m1").WaitAsync(Generous);
        Assert.Equal("m1", next.Uid);
        Assert.Equal(broken + 1, server.Connections.Count); // on a fresh connection

        await DisposeAndSeeConnectionsClosedAsync(client, server);
    }

    [Theory]
    [MemberData(nameof(UploadFaults))]
    public async Task An_upload_fault_ends_in_a_connection_error_and_the_client_keeps_working(string fault)
    {
        using var faulty = new FaultyUntilHealed(FaultScripts.UploadFaults[fault]());
        var options = Options(faulty.Server.Endpoint, faulty.Time);
        options.UploadTimeout = RequestTimeout;
        var client = new RedisEnterpriseModulesClient(options);
        byte[] module = new byte[2 * 1024 * 1024];

        Task<ModuleOperation> upload = client.StartUploadModuleAsync(new MemoryStream(module), "m.zip", new UploadModuleOptions { Validate = false });
        await faulty.TimeOutIfScriptedAsync(upload);

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => upload.WaitAsync(Generous));
        Assert.Equal("POST", error.Method);
        Assert.Equal("/v2/modules", error.Path);
        if (faulty.Script.NeedsTimeout) Assert.IsType<TimeoutException>(error.InnerException);

        await faulty.HealAsync();
        ModuleOperation next = await client.StartUploadModuleAsync(new MemoryStream(module), "m.zip", new UploadModuleOptions { Validate = false }).WaitAsync(Generous);
        Assert.Equal("a1", next.ActionUid);
        RawRequest accepted = Assert.Single(faulty.Server.Connections[^1].Requests);
        Assert.Equal(module.Length, accepted.Body.Length - MultipartFraming(accepted)); // the whole file, once

        await DisposeAndSeeConnectionsClosedAsync(client, faulty.Server);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error_and_the_same_client_works_once_the_cluster_is_up()
    {
        int port = FreePort();
        var client = new RedisEnterpriseModulesClient(Options(new Uri($"http://127.0.0.1:{port}"), new FakeTimeProvider()));

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync().WaitAsync(Generous));
        Assert.Equal(0, error.Status);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);

        using var server = RawServer.Answering(RawResponse.Healthy, port); // the cluster comes up on that port
        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(Generous)).Count);
        await DisposeAndSeeConnectionsClosedAsync(client, server);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task WireMock_faults_end_in_a_clear_error_and_the_client_keeps_working(FaultType fault)
    {
        using var cluster = MockCluster.Start();
        cluster.Server.Given(Request.Create().WithPath("/v1/modules/m1").UsingGet()).InScenario("fault")
            .WillSetStateTo("healed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"uid":"m1","module_name":"a module with a long enough body to be cut"}""").WithFault(fault));
        cluster.Server.Given(Request.Create().WithPath("/v1/modules/m1").UsingGet()).InScenario("fault").WhenStateIs("healed")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"uid":"m1"}"""));
        using var client = cluster.CreateClient(o => o.RequestTimeout = RequestTimeout);

        // WireMock's faults are answers (200 with an empty or garbled body), not broken connections.
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.GetModuleAsync("m1").WaitAsync(Generous));
        Assert.Equal(200, error.Status);
        Assert.Contains("not the JSON this endpoint promises", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /v1/modules/m1", error.Message, StringComparison.Ordinal);
        Assert.Equal("m1", (await client.GetModuleAsync("m1").WaitAsync(Generous)).Uid);
    }

    [Fact]
    public async Task Cancelling_while_the_body_stalls_is_a_cancellation_not_an_error()
    {
        FaultScript script = FaultScripts.ReadFaults["stalls half-way through the body"]();
        using var server = RawServer.Start(script.Run);
        using var client = new RedisEnterpriseModulesClient(Options(server.Endpoint, new FakeTimeProvider()));
        using var cts = new CancellationTokenSource();

        Task<ModuleInfo> call = client.GetModuleAsync("m1", cts.Token);
        await script.Reached.WaitAsync(Generous);
        await cts.CancelAsync();
        script.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Generous));
        await server.Connections[0].Closed.WaitAsync(Generous);
    }

    /// <summary>Disposes the client and waits until it has closed every connection to the server: nothing stays open.</summary>
    private static async Task DisposeAndSeeConnectionsClosedAsync(RedisEnterpriseModulesClient client, RawServer server)
    {
        client.Dispose();
        await Task.WhenAll(server.Connections.Select(c => c.Closed)).WaitAsync(Generous);
    }

    /// <summary>A raw server whose every connection runs the fault script until it is healed (the HTTP stack may retry once on its own), and the clients' clock.</summary>
    private sealed class FaultyUntilHealed : IDisposable
    {
        private bool _healed;

        internal FaultyUntilHealed(FaultScript script)
        {
            Script = script;
            Server = RawServer.Start(c => Volatile.Read(ref _healed) ? c.ServeAsync(RawResponse.Healthy) : script.Run(c));
        }

        internal FaultScript Script { get; }

        internal RawServer Server { get; }

        internal FakeTimeProvider Time { get; } = new();

        /// <summary>For a script that stalls: waits until the call is stalled, asserts it still waits, and moves time past the timeout.</summary>
        internal async Task TimeOutIfScriptedAsync(Task call)
        {
            if (!Script.NeedsTimeout) return;
            await Script.Reached.WaitAsync(Generous);
            Assert.False(call.IsCompleted, "the call waits for the answer until its timeout");
            Time.Advance(RequestTimeout);
            Script.Release();
        }

        /// <summary>Waits until every broken connection is closed (nothing of them stays open), then serves healthy answers; returns how many broke.</summary>
        internal async Task<int> HealAsync()
        {
            IReadOnlyList<RawConnection> broken = Server.Connections;
            await Task.WhenAll(broken.Select(c => c.Closed)).WaitAsync(Generous);
            Volatile.Write(ref _healed, true);
            return broken.Count;
        }

        public void Dispose() => Server.Dispose();
    }

    internal static RedisEnterpriseModulesClientOptions Options(Uri endpoint, TimeProvider time, ILoggerFactory? logging = null) => new()
    {
        Endpoint = endpoint,
        Username = MockCluster.Username,
        Password = MockCluster.Password,
        AllowInsecureHttp = true,
        RequestTimeout = RequestTimeout,
        TimeProvider = time,
        // Each fault is scripted for one request: what that request's failure becomes is the subject here.
        // The retries that a GET gets by default are tested in Http/ResilienceTests.
        MaxRetries = 0,
        AttemptTimeout = Timeout.InfiniteTimeSpan,
        LoggerFactory = logging,
        ModuleManagement = ModuleManagementMode.ClusterUpload, // the scripted answers are 7.x's
    };

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int MultipartFraming(RawRequest request)
    {
        string body = System.Text.Encoding.Latin1.GetString(request.Body);
        int dataStart = body.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        int dataEnd = body.LastIndexOf("\r\n--", StringComparison.Ordinal);
        return body.Length - (dataEnd - dataStart);
    }
}
