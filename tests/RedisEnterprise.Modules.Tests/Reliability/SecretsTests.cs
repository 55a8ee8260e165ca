using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using System.Reflection;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// The password, and the Basic token made from it, appear in no exception (message, <c>ToString()</c>, <c>Data</c>, public
/// properties, inner exceptions) and no <c>ToString()</c> the SDK makes, across the reliability suite's scenarios: every
/// hostile answer, every fault, every error status on every call, polling failures, TLS refusals, a server that echoes the
/// credentials back, and invalid options.
/// </summary>
public sealed class SecretsTests
{
    private static readonly string Token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MockCluster.Username}:{MockCluster.Password}"));

    private static readonly string[] Secrets =
    [
        MockCluster.Password, Token, Uri.EscapeDataString(MockCluster.Password), Convert.ToBase64String(Encoding.UTF8.GetBytes(MockCluster.Password)),
    ];

    [Fact]
    public async Task No_exception_nor_text_the_sdk_makes_holds_the_password_or_its_token()
    {
        var gathered = new Gathered();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RedisEnterpriseModulesTelemetry.ActivitySourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans.Enqueue($"{activity.OperationName} {activity.DisplayName} {activity.StatusDescription} " + string.Join(";", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(listener);
        using ILoggerFactory loggers = CapturingLoggerProvider.Factory(out CapturingLoggerProvider logs);
        // Every client of these scenarios logs at Trace into the capture.
        await HostileAnswersAsync(gathered, loggers);
        await FaultsAsync(gathered, loggers);
        await EveryErrorStatusOnEveryCallAsync(gathered, loggers);
        await AServerThatEchoesTheCredentialsAsync(gathered, loggers);
        await PollingFailuresAsync(gathered, loggers);
        await TlsAndRefusedAsync(gathered, loggers);
        await InvalidOptionsAndPackagesAsync(gathered, loggers);

        Assert.NotEmpty(logs.Lines);
        Assert.NotEmpty(spans);
        foreach (var line in logs.Lines) gathered.Add($"log {line.Category} {line.Level}", line.Text);
        foreach (string span in spans) gathered.Add("span", span);

        Assert.True(gathered.Exceptions >= 200, $"only {gathered.Exceptions} exceptions gathered");
        TestContext.Current.TestOutputHelper?.WriteLine($"{gathered.Exceptions} exceptions (inner ones included) and {gathered.Texts.Count} texts searched");
        foreach ((string scenario, string text) in gathered.Texts)
        {
            foreach (string secret in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{scenario}: the secret '{secret[..3]}…' appears in: {text}");
            }
        }
    }

    [Fact]
    public void The_options_text_hides_a_password_given_in_the_endpoint_too()
    {
        var options = new RedisEnterpriseModulesClientOptions
        {
            Endpoint = new Uri($"https://{MockCluster.Username.Replace("@", "%40", StringComparison.Ordinal)}:{Uri.EscapeDataString(MockCluster.Password)}@cluster.example.com:9443"),
            Username = MockCluster.Username,
            Password = MockCluster.Password,
        };

        string text = options.ToString();

        Assert.Contains("cluster.example.com:9443", text, StringComparison.Ordinal);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
        Assert.All(options.GetProblems(), p => Assert.All(Secrets, s => Assert.DoesNotContain(s, p, StringComparison.Ordinal)));
    }

    private static async Task HostileAnswersAsync(Gathered gathered, ILoggerFactory logging)
    {
        foreach ((string name, Func<HostileAnswer> make) in HostileAnswers.All)
        {
            HostileAnswer answer = make();
            using var server = RawServer.Answering(_ => answer.Response);
            using var client = Client(server.Endpoint, logging);
            gathered.Add(name, client);
            (object? result, RedisEnterpriseException? error) = await HostileResponseTests.Outcome(() => answer.InvokeAsync(client));
            gathered.Add(name, (object?)error ?? result);
        }
    }

    private static async Task FaultsAsync(Gathered gathered, ILoggerFactory logging)
    {
        foreach ((string name, Func<FaultScript> make) in FaultScripts.ReadFaults.Concat(FaultScripts.UploadFaults))
        {
            FaultScript script = make();
            var time = new FakeTimeProvider();
            using var server = RawServer.Start(script.Run);
            RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time, logging);
            options.UploadTimeout = FaultTests.RequestTimeout;
            using var client = new RedisEnterpriseModulesClient(options);
            Task call = FaultScripts.UploadFaults.ContainsKey(name)
                ? client.StartUploadModuleAsync(new MemoryStream(new byte[2 * 1024 * 1024]), "m.zip", new UploadModuleOptions { Validate = false })
                : client.GetModuleAsync("m1");
            if (script.NeedsTimeout)
            {
                await script.Reached.WaitAsync(FaultTests.Generous);
                time.Advance(FaultTests.RequestTimeout);
                script.Release();
            }

            gathered.Add(name, await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => call.WaitAsync(FaultTests.Generous)));
        }
    }

    private static async Task EveryErrorStatusOnEveryCallAsync(Gathered gathered, ILoggerFactory logging)
    {
        RawResponse answer = RawResponse.Json("{}");
        using var server = RawServer.Answering(_ => answer);
        using var client = Client(server.Endpoint, logging);
        string[] codes = ["no_module", "invalid_module", "module_exists", "min_redis_pack_version", "unsupported_module_capabilities", "os_not_supported", "dependencies_not_supported", "invalid_dependency_data", "unauthorized", "other"];
        foreach (int status in new[] { 400, 401, 403, 404, 405, 406, 409, 413, 429, 500, 501, 502, 503, 504 })
        {
            foreach (Call call in new[] { Call.GetModule, Call.ListModules, Call.GetAction, Call.StartUpload, Call.StartDelete })
            {
                string code = codes[(status + (int)call) % codes.Length];
                answer = new RawResponse(status, $$"""{"error_code":"{{code}}","message":"refused by the cluster","description":"d"}""", Reason: "Nope");
                gathered.Add($"{status} on {call}", (await HostileResponseTests.Outcome(() => new HostileAnswer(call, answer).InvokeAsync(client))).Error);
            }

            answer = new RawResponse(status, "<html>proxy page</html>", "text/html", "Nope");
            gathered.Add($"{status} on delete v1", await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.DeleteModuleV1Async("m1")));
        }
    }

    /// <summary>A proxy that puts the request's head, Authorization included, into its error answers, and the password into a field.</summary>
    private static async Task AServerThatEchoesTheCredentialsAsync(Gathered gathered, ILoggerFactory logging)
    {
        string escaped = MockCluster.Password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        Func<RawRequest, RawResponse>[] echoes =
        [
            r => new RawResponse(400, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error_code"] = "bad_header", ["message"] = "rejected: " + r.Head }), Reason: "Bad Request"),
            r => new RawResponse(502, "upstream said no to\n" + r.Head, "text/plain", "Bad Gateway"),
            r => new RawResponse(403, null, null, "Forbidden for " + r.Header("Authorization")),
            r => new RawResponse(401, $$"""{"error_code":"{{r.Header("Authorization")}}","description":"wrong password {{escaped}}"}""", Reason: "Unauthorized"),
            _ => new RawResponse(500, $"{{\"error\":\"{escaped}\"}}", Reason: "Internal Server Error"),
            _ => RawResponse.Json($$"""{"uid":"m1","is_bundled":"{{escaped}}"}"""),
            _ => RawResponse.Json($$"""{"uid":"m1","version":"{{escaped}}"}"""),
            _ => RawResponse.Json($$"""{"action_uid":"a1","creation_time":"{{escaped}}"}"""),
        ];
        foreach (Func<RawRequest, RawResponse> echo in echoes)
        {
            using var server = RawServer.Answering(echo);
            using var client = Client(server.Endpoint, logging);
            foreach (Call call in new[] { Call.GetModule, Call.GetAction, Call.ListModules, Call.StartUpload })
            {
                (object? result, RedisEnterpriseException? error) = await HostileResponseTests.Outcome(() => new HostileAnswer(call, RawResponse.Json("{}")).InvokeAsync(client));
                gathered.Add("echo", (object?)error ?? result);
            }
        }
    }

    private static async Task PollingFailuresAsync(Gathered gathered, ILoggerFactory logging)
    {
        foreach (string action in new[] { """{"action_uid":"a1","status":"failed","error_code":"boom","error_message":"it broke"}""", """{"action_uid":"a1","status":"running","progress":"7"}""" })
        {
            var time = new SteppingTime();
            using var server = RawServer.Answering(_ => RawResponse.Json(action));
            RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time, logging);
            options.RequestTimeout = Timeout.InfiniteTimeSpan;
            options.OperationTimeout = TimeSpan.FromMinutes(1);
            using var client = new RedisEnterpriseModulesClient(options);
            var operation = new ModuleOperation(client, "a1", "u1");
            gathered.Add("polling", await Assert.ThrowsAnyAsync<Exception>(() => time.Drive(operation.WaitForModuleAsync())));
            gathered.Add("polling", operation);
        }

        using var forgetting = RawServer.Answering(_ => new RawResponse(404, """{"error_code":"not_found"}""", Reason: "Not Found"));
        using var forgetful = Client(forgetting.Endpoint, logging);
        gathered.Add("polling", await Assert.ThrowsAsync<ActionNotFoundException>(() => forgetful.GetActionAsync("a1")));
    }

    private static async Task TlsAndRefusedAsync(Gathered gathered, ILoggerFactory logging)
    {
        using var https = MockCluster.StartHttps(TlsServers.Certificates["self-signed"]);
        var options = https.Options(o =>
        {
            o.Endpoint = new Uri($"https://localhost:{https.Endpoint.Port}");
            o.LoggerFactory = logging;
        });
        using var untrusting = new RedisEnterpriseModulesClient(options);
        gathered.Add("tls", await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => untrusting.ListModulesAsync()));
        gathered.Add("tls", options);

        using var refused = Client(new Uri($"http://127.0.0.1:{FaultTests.FreePort()}"), logging);
        gathered.Add("refused", await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => refused.ListModulesAsync()));
    }

    private static async Task InvalidOptionsAndPackagesAsync(Gathered gathered, ILoggerFactory logging)
    {
        Action<RedisEnterpriseModulesClientOptions>[] breaks =
        [
            o => o.Endpoint = new Uri($"https://admin:{Uri.EscapeDataString(MockCluster.Password)}@cluster.example.com"),
            o => o.Endpoint = new Uri("http://cluster.example.com"),
            o => o.Username = null,
            o => o.CertificateThumbprint = MockCluster.Password,
            o => o.RequestTimeout = TimeSpan.Zero,
            o => o.MaxPollingInterval = TimeSpan.FromTicks(1),
        ];
        foreach (Action<RedisEnterpriseModulesClientOptions> breakIt in breaks)
        {
            var options = new RedisEnterpriseModulesClientOptions { Endpoint = new Uri("https://cluster.example.com:9443"), Username = MockCluster.Username, Password = MockCluster.Password };
            breakIt(options);
            gathered.Add("options", options);
            gathered.Add("options", string.Join('\n', options.GetProblems()));
            gathered.Add("options", Assert.ThrowsAny<ArgumentException>(() => new RedisEnterpriseModulesClient(options)));
        }

        using var server = RawServer.Answering(RawResponse.Healthy);
        using var client = Client(server.Endpoint, logging);
        gathered.Add("package", await Assert.ThrowsAsync<ModulePackageValidationException>(() =>
            client.StartUploadModuleAsync(new MemoryStream(Encoding.UTF8.GetBytes(MockCluster.Password.Length + " bytes, not a zip")), "m.zip", new UploadModuleOptions { Validate = true })));
        gathered.Add("results", await client.ListModulesAsync());
        gathered.Add("results", await client.StartUploadModuleAsync(new MemoryStream([1]), "m.zip", new UploadModuleOptions { Validate = false }));
        gathered.Add("results", new UploadProgress(1, 2));
    }

    private static RedisEnterpriseModulesClient Client(Uri endpoint, ILoggerFactory logging) => new(FaultTests.Options(endpoint, TimeProvider.System, logging));

    /// <summary>Every text the SDK made in the scenarios: exceptions in depth (all public properties, Data, inner ones) and ToString() of anything else.</summary>
    private sealed class Gathered
    {
        internal List<(string Scenario, string Text)> Texts { get; } = [];

        internal int Exceptions { get; private set; }

        internal void Add(string scenario, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case Exception e:
                    AddException(scenario, e, depth: 0);
                    return;
                case string s:
                    Texts.Add((scenario, s));
                    return;
                case IEnumerable items:
                    foreach (object? item in items) Add(scenario, item);
                    Texts.Add((scenario, value.ToString() ?? string.Empty));
                    return;
                default:
                    Texts.Add((scenario, value.ToString() ?? string.Empty));
                    return;
            }
        }

        private void AddException(string scenario, Exception e, int depth)
        {
            Exceptions++;
            Texts.Add((scenario, e.ToString()));
            Texts.Add((scenario, e.Message));
            foreach (DictionaryEntry entry in e.Data) Texts.Add((scenario, $"{entry.Key}={entry.Value}"));
            if (depth < 3)
            {
                foreach (PropertyInfo property in e.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length > 0 || property.Name is nameof(Exception.TargetSite) or nameof(Exception.InnerException)) continue;
                    object? value = property.GetValue(e);
                    if (value is not Exception) Add(scenario, value);
                }
            }

            if (e is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions) AddException(scenario, inner, depth + 1);
            }
            else if (e.InnerException is { } inner)
            {
                AddException(scenario, inner, depth + 1);
            }
        }
    }
}
