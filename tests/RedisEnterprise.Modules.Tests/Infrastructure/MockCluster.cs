using RedisEnterprise.Modules.Transport;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>A WireMock server standing in for a cluster, with the credentials and clients the tests use.</summary>
internal sealed class MockCluster : IDisposable
{
    internal const string Username = "admin@example.com";
    internal const string Password = "Sup3r-S3cret-P@ssw0rd!";

    private MockCluster(WireMockServer server) => Server = server;

    internal WireMockServer Server { get; }

    internal Uri Endpoint => new(Server.Url!);

    internal static MockCluster Start() => new(WireMockServer.Start());

    internal static MockCluster StartHttps(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        new(WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = certificate },
        }));

    internal RedisEnterpriseModulesClientOptions Options(Action<RedisEnterpriseModulesClientOptions>? configure = null)
    {
        var options = new RedisEnterpriseModulesClientOptions
        {
            Endpoint = Endpoint,
            Username = Username,
            Password = Password,
            AllowInsecureHttp = true,
            RetryDelay = TimeSpan.FromMilliseconds(1), // GET retries stay on, without real waits
            ModuleManagement = ModuleManagementMode.ClusterUpload, // the 7.x requests most tests replay; the 8.x tests set theirs
        };
        configure?.Invoke(options);
        return options;
    }

    internal RedisEnterpriseModulesClient CreateClient(Action<RedisEnterpriseModulesClientOptions>? configure = null) => new(Options(configure));

    /// <summary>The endpoints as the client calls them (the Refit interfaces and the reader), without the client's timeouts and spans.</summary>
    internal ClusterConnection CreateApi() => new(new HttpClient { BaseAddress = Endpoint }, Options());

    internal void Given(string method, string path, int status, string? body = null, string contentType = "application/json")
    {
        IResponseBuilder response = Response.Create().WithStatusCode(status);
        if (body is not null) response = response.WithHeader("Content-Type", contentType).WithBody(body);
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>A GET on <paramref name="path"/> answers these in turn, one per request, the last one for good (a WireMock scenario).</summary>
    internal void AnswerInTurn(string path, params IResponseBuilder[] answers)
    {
        string scenario = "turns " + path;
        for (int i = 0; i < answers.Length; i++)
        {
            var request = Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario(scenario);
            if (i > 0) request = request.WhenStateIs($"turn{i}");
            if (i < answers.Length - 1) request = request.WillSetStateTo($"turn{i + 1}");
            request.RespondWith(answers[i]);
        }
    }

    internal static IResponseBuilder Answer(int status, string? json = null) => json is null
        ? Response.Create().WithStatusCode(status)
        : Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);

    internal IReadOnlyList<ILogEntry> Received => Server.LogEntries.ToList();

    internal ILogEntry Single(string method, string pathPrefix) =>
        Assert.Single(Server.LogEntries, e => e.RequestMessage!.Method == method && e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    internal static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public void Dispose() => Server.Stop();
}
