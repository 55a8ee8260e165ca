using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// A cluster (or something in front of it) that redirects to another host: the credentials never reach that host. The
/// SDK's own connection follows no redirect, so the 3xx surfaces as an error; a caller's HttpClient that does follow
/// them still sends no Authorization header to the other host.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();
    private readonly MockCluster _elsewhere = MockCluster.Start(); // the other host: 127.0.0.1 on another port is another origin

    public RedirectTests()
    {
        _elsewhere.Given("GET", "/v1/modules", 200, """[{"uid":"from-elsewhere"}]""");
        _elsewhere.Given("POST", "/v2/modules", 200, """{"uid":"u1","action_uid":"a1"}""");
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _elsewhere.Dispose();
    }

    public static readonly TheoryData<int> RedirectStatuses = new([301, 302, 303, 307, 308]);

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_redirected_read_surfaces_as_an_error_and_the_other_host_gets_nothing(int status)
    {
        RedirectEverythingTo(status);
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.ListModulesAsync().WaitAsync(FaultTests.Generous));

        Assert.Equal(status, error.Status);
        Assert.Contains("GET /v1/modules", error.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.Received);
        Assert.Single(_cluster.Received);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirected_upload_surfaces_as_an_error_and_the_other_host_gets_no_byte(int status)
    {
        RedirectEverythingTo(status);
        using var client = _cluster.CreateClient();

        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.StartUploadModuleAsync(new MemoryStream(new byte[1000]), "m.zip", new UploadModuleOptions { Validate = false }).WaitAsync(FaultTests.Generous));

        Assert.Equal(status, error.Status);
        Assert.Empty(_elsewhere.Received);
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_callers_http_client_that_follows_redirects_sends_no_credentials_to_the_other_host(int status)
    {
        RedirectEverythingTo(status);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        using var client = new RedisEnterpriseModulesClient(http, _cluster.Options());

        IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync().WaitAsync(FaultTests.Generous);

        Assert.Equal("from-elsewhere", Assert.Single(modules).Uid); // the redirect was followed
        Assert.StartsWith("Basic ", _cluster.Received.Single().RequestMessage!.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        var followed = _elsewhere.Received.Single().RequestMessage!;
        Assert.False(followed.Headers!.ContainsKey("Authorization"), "the other host got the credentials");
    }

    private void RedirectEverythingTo(int status) =>
        _cluster.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create()
            .WithStatusCode(status)
            .WithHeader("Location", new Uri(_elsewhere.Endpoint, "/v1/modules").ToString()));
}
