using RedisEnterprise.Modules.Tests.Models;
using RedisEnterprise.Modules.Tests.Reliability;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RedisEnterprise.Modules.Tests;

public sealed class ClientTests : IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task List_and_get_replay_the_documented_answers_through_the_facade()
    {
        _cluster.Given("GET", "/v1/modules", 200, MockCluster.Data("modules-list-16.json"));
        _cluster.Given("GET", "/v1/modules/98f255d5d33704c8e4e97897fd92e32d", 200, MockCluster.Data("module-v2-redisgears.json"));
        using var client = _cluster.CreateClient();

        Assert.Equal(16, (await client.ListModulesAsync()).Count);
        ModuleAssertions.IsRedisGearsExample(await client.GetModuleAsync("98f255d5d33704c8e4e97897fd92e32d"));
    }

    [Fact]
    public async Task Basic_credentials_are_sent_preemptively_on_every_request()
    {
        _cluster.Given("GET", "/v1/modules", 200, "[]");
        using var client = _cluster.CreateClient();
        await client.ListModulesAsync();
        await client.ListModulesAsync();

        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MockCluster.Username}:{MockCluster.Password}"));
        Assert.Equal(2, _cluster.Received.Count);
        Assert.All(_cluster.Received, e => Assert.Equal(expected, e.RequestMessage!.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task A_callers_http_client_gets_credentials_and_base_address_and_is_not_disposed()
    {
        _cluster.Given("GET", "/v1/modules", 200, "[]");
        using var http = new HttpClient();
        using (var client = new RedisEnterpriseModulesClient(http, _cluster.Options()))
        {
            await client.ListModulesAsync();
        }

        Assert.Equal(_cluster.Endpoint, http.BaseAddress);
        Assert.StartsWith("Basic ", _cluster.Received.Single().RequestMessage!.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(_cluster.Endpoint, "/v1/modules"))).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_uids_fail_before_any_request(string? uid)
    {
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetModuleAsync(uid!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.StartDeleteModuleAsync(uid!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetActionAsync(uid!));
        Assert.Empty(_cluster.Received);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b?c")]
    [InlineData("a#b")]
    [InlineData("a b%20\r\nX-Injected: 1")]
    [InlineData("é✓")]
    public async Task Uids_are_escaped_into_one_path_segment(string uid)
    {
        _cluster.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync(uid));

        Assert.Equal(uid, error.Uid);
        string[] segments = error.Path!.Split('/');
        Assert.Equal(["", "v1", "modules"], segments[..3]);
        Assert.Equal(uid, Uri.UnescapeDataString(Assert.Single(segments[3..])));
        var request = _cluster.Received.Single().RequestMessage!;
        Assert.StartsWith("/v1/modules/", request.Path, StringComparison.Ordinal);
        Assert.False(request.Headers!.ContainsKey("X-Injected"));
        Assert.True(string.IsNullOrEmpty(request.RawQuery));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_segments_are_refused(string uid)
    {
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetModuleAsync(uid));
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task A_request_that_takes_too_long_times_out_as_a_connection_error()
    {
        _cluster.Server.Given(Request.Create().WithPath("/v1/modules").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("[]").WithDelay(TimeSpan.FromSeconds(3)));
        using var client = _cluster.CreateClient(o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());

        Assert.Equal(0, error.Status);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("GET /v1/modules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error_and_the_client_keeps_working()
    {
        int port = FaultTests.FreePort(); // nothing listens there now

        using var client = _cluster.CreateClient(o => o.Endpoint = new Uri($"http://127.0.0.1:{port}"));
        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.ListModulesAsync());
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);

        using var server = RawServer.Answering(RawResponse.Healthy, port); // the cluster comes up on that port
        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(FaultTests.Generous)).Count);
    }

    [Fact]
    public async Task Cancellation_surfaces_as_operation_canceled_promptly()
    {
        _cluster.Server.Given(Request.Create().WithPath("/v1/modules").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("[]").WithDelay(TimeSpan.FromSeconds(3)));
        using var client = _cluster.CreateClient();
        using var cts = new CancellationTokenSource();

        Task call = client.ListModulesAsync(cts.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListModulesAsync(new CancellationToken(true)));
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task An_empty_body_where_a_module_is_promised_is_an_error()
    {
        _cluster.Given("GET", "/v1/modules/abc", 200, "");
        using var client = _cluster.CreateClient();
        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.GetModuleAsync("abc"));
        Assert.Contains("GET /v1/modules/abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_in_no_exception_text_nor_options_text()
    {
        var texts = new List<string>();
        using var client = _cluster.CreateClient();
        foreach (int status in new[] { 400, 401, 403, 404, 405, 500, 503 })
        {
            _cluster.Server.Reset();
            _cluster.Given("GET", "/v1/modules/abc", status, $$"""{"error_code":"x","message":"m"}""");
            texts.Add((await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.GetModuleAsync("abc"))).ToString());
        }

        _cluster.Server.Reset();
        _cluster.Given("GET", "/v1/modules/abc", 200, "{not json");
        texts.Add((await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.GetModuleAsync("abc"))).ToString());
        using var refused = _cluster.CreateClient(o => o.Endpoint = new Uri("http://127.0.0.1:1"));
        texts.Add((await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => refused.ListModulesAsync())).ToString());
        texts.Add(_cluster.Options().ToString());
        texts.Add(client.ToString()!);

        string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MockCluster.Username}:{MockCluster.Password}"));
        Assert.All(texts, t => Assert.DoesNotContain(MockCluster.Password, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(token, t, StringComparison.Ordinal));
        Assert.Contains("***", _cluster.Options().ToString(), StringComparison.Ordinal);
    }
}
