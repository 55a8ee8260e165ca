using WireMock.ResponseBuilders;

namespace RedisEnterprise.Modules.Tests.Http;

/// <summary>The default resilience pipeline: GETs retried on transient failures, POST and DELETE never.</summary>
public sealed class ResilienceTests : IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    /// <summary>GET /v1/modules answers these, one per request, the last one for good.</summary>
    private void ListAnswers(params IResponseBuilder[] answers) => _cluster.AnswerInTurn("/v1/modules", answers);

    private static IResponseBuilder Status(int status) => MockCluster.Answer(status);

    private static IResponseBuilder Ok => MockCluster.Answer(200, "[]");

    [Theory]
    [InlineData(503, true)]
    [InlineData(502, true)]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    [InlineData(404, false)]
    [InlineData(401, false)]
    public async Task A_get_is_retried_on_transient_statuses_and_on_no_other(int status, bool transient)
    {
        ListAnswers(Status(status), Ok);
        using var client = _cluster.CreateClient();
        Task<IReadOnlyList<ModuleInfo>> list = client.ListModulesAsync();
        if (transient)
        {
            Assert.Empty(await list);
            Assert.Equal(2, _cluster.Received.Count);
        }
        else
        {
            await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => list);
            Assert.Single(_cluster.Received);
        }
    }

    [Fact]
    public async Task A_get_is_retried_after_a_connection_reset()
    {
        // The first connection breaks off mid-headers and is reset; the second gets an answer.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = _cluster.CreateClient(o => o.Endpoint = new Uri($"http://127.0.0.1:{port}"));
        Task<IReadOnlyList<ModuleInfo>> call = client.ListModulesAsync();

        using (var first = await listener.AcceptTcpClientAsync())
        {
            await first.GetStream().ReadAtLeastAsync(new byte[4096], 1);
            await first.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Le"u8.ToArray());
            first.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0); // close with RST
        }

        Task<System.Net.Sockets.TcpClient> accept = listener.AcceptTcpClientAsync();
        Assert.Same(accept, await Task.WhenAny(call, accept).WaitAsync(TimeSpan.FromSeconds(20))); // without a retry the call ends first, failed
        using var second = await accept;
        await second.GetStream().ReadAtLeastAsync(new byte[4096], 1);
        await second.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"u8.ToArray());

        Assert.Empty(await call.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Retries_give_up_after_MaxRetries_with_the_last_error()
    {
        ListAnswers(Status(503));
        using var client = _cluster.CreateClient(o => o.MaxRetries = 2);
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.Equal(503, error.Status);
        Assert.Equal(3, _cluster.Received.Count);
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        ListAnswers(Status(503), Ok);
        using var client = _cluster.CreateClient(o => o.MaxRetries = 0);
        await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.Single(_cluster.Received);
    }

    [Fact]
    public async Task A_custom_pipeline_replaces_the_default()
    {
        ListAnswers(Status(503), Ok);
        using var client = _cluster.CreateClient(o => o.ResiliencePipeline = Polly.ResiliencePipeline<HttpResponseMessage>.Empty);
        await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync());
        Assert.Single(_cluster.Received);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var time = new SteppingTime();
        ListAnswers(Status(503).WithHeader("Retry-After", "7"), Ok);
        using var client = _cluster.CreateClient(o =>
        {
            o.TimeProvider = time;
            o.RequestTimeout = Timeout.InfiniteTimeSpan;
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        Assert.Empty(await time.Drive(client.ListModulesAsync()));
        Assert.Equal(TimeSpan.FromSeconds(7), time.TotalAdvanced);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_abandoned_and_retried()
    {
        ListAnswers(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""[{"uid":"slow"}]""").WithDelay(TimeSpan.FromSeconds(3)), Ok);
        using var client = _cluster.CreateClient(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        Assert.Empty(await client.ListModulesAsync()); // the slow first answer was abandoned for the second
    }

    [Fact]
    public async Task A_post_that_gets_a_503_is_not_sent_twice()
    {
        _cluster.Given("POST", "/v2/modules", 503);
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.StartUploadModuleAsync(new MemoryStream([1, 2, 3]), "m.zip"));
        Assert.Equal(503, error.Status);
        Assert.Single(_cluster.Received);
    }

    [Fact]
    public async Task A_delete_that_gets_a_503_is_not_sent_twice()
    {
        _cluster.Given("DELETE", "/v2/modules/abc", 503);
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.StartDeleteModuleAsync("abc"));
        Assert.Single(_cluster.Received);
    }
}
