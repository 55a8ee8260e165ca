using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedisEnterprise.Modules.Diagnostics;

namespace RedisEnterprise.Modules.Tests.Diagnostics;

[Collection(nameof(ObservabilityTests))]
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)] // the ActivityListener sees every span in the process
public sealed class ObservabilityTests : IDisposable
{
    private const string ModuleUid = "98f255d5d33704c8e4e97897fd92e32d";
    private readonly MockCluster _cluster = MockCluster.Start();

    public ObservabilityTests()
    {
        _cluster.Given("GET", "/v1/modules", 200, MockCluster.Data("modules-list-16.json"));
        _cluster.Given("GET", "/v1/modules/missing", 404);
        _cluster.Given("POST", "/v2/modules", 200, MockCluster.Data("module-v2-redisgears.json"));
        _cluster.Given("GET", $"/v1/modules/{ModuleUid}", 200, MockCluster.Data("module-v2-redisgears.json"));
        _cluster.Given("DELETE", $"/v2/modules/{ModuleUid}", 200, """{"action_uid":"del-1"}""");
        _cluster.Given("GET", "/v1/actions/del-1", 200, """{"action_uid":"del-1","status":"completed"}""");
        _cluster.AnswerInTurn(
            "/v1/actions/dfc0152c-8449-4b1c-9184-480ea7cb526c",
            MockCluster.Answer(200, """{"action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","status":"running","progress":"40"}"""),
            MockCluster.Answer(503),
            MockCluster.Answer(200, """{"action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","status":"completed","progress":"100"}"""));
    }

    public void Dispose() => _cluster.Dispose();

    private async Task RunScenariosAsync(ILoggerFactory loggers)
    {
        using var client = _cluster.CreateClient(o =>
        {
            o.LoggerFactory = loggers;
            o.PollingInterval = TimeSpan.FromMilliseconds(1);
            o.SkipCertificateValidation = true;
        });
        await client.ListModulesAsync();
        await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.GetModuleAsync("missing"));
        await client.UploadModuleAsync(new MemoryStream([1, 2, 3]), "rg.zip");
        await client.DeleteModuleAsync(ModuleUid);
    }

    [Fact]
    public async Task Logs_requests_status_changes_retries_and_the_tls_warning_but_never_the_secret()
    {
        using ILoggerFactory loggers = CapturingLoggerProvider.Factory(out var logs);
        await RunScenariosAsync(loggers);

        Assert.Contains(logs.Texts(Log.Category, LogLevel.Debug), t => t.StartsWith("GET /v1/modules answered 200 in ", StringComparison.Ordinal));
        Assert.Contains(logs.Texts(Log.Category, LogLevel.Debug), t => t.StartsWith("GET /v1/modules/missing answered 404", StringComparison.Ordinal));
        Assert.Contains(logs.Texts(Log.Category, LogLevel.Debug), t => t.StartsWith("POST /v2/modules answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Texts(Log.Category, LogLevel.Information), t => t.StartsWith("Action dfc0152c-8449-4b1c-9184-480ea7cb526c is running (40%)", StringComparison.Ordinal));
        Assert.Contains(logs.Texts(Log.Category, LogLevel.Information), t => t.StartsWith("Action dfc0152c-8449-4b1c-9184-480ea7cb526c is completed (100%)", StringComparison.Ordinal));
        Assert.Contains(logs.Texts(Log.Category, LogLevel.Warning), t => t.StartsWith("GET /v1/actions/dfc0152c-8449-4b1c-9184-480ea7cb526c: retry 1 in", StringComparison.Ordinal) && t.Contains("after 503", StringComparison.Ordinal));
        Assert.Single(logs.Texts(Log.Category, LogLevel.Warning), t => t.StartsWith("TLS certificate validation is OFF", StringComparison.Ordinal));

        string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MockCluster.Username}:{MockCluster.Password}"));
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(MockCluster.Password, l.Text, StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(token, l.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_span_per_sdk_call_with_module_and_action_tags_and_http_spans_under_them()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RedisEnterpriseModulesTelemetry.ActivitySourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) spans.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);

        await RunScenariosAsync(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        List<Activity> sdk;
        lock (spans) sdk = spans.Where(s => s.Source.Name == RedisEnterpriseModulesTelemetry.ActivitySourceName).ToList();
        Assert.Contains(sdk, s => s.OperationName == "ListModules");
        Activity get = Assert.Single(sdk, s => s.OperationName == "GetModule" && (string?)s.GetTagItem(RedisEnterpriseModulesTelemetry.ModuleUidTag) == "missing");
        Assert.Equal(ActivityStatusCode.Error, get.Status);

        Activity upload = Assert.Single(sdk, s => s.OperationName == "UploadModule");
        Assert.Equal("rg", upload.GetTagItem(RedisEnterpriseModulesTelemetry.ModuleNameTag));
        Assert.Equal(ModuleUid, upload.GetTagItem(RedisEnterpriseModulesTelemetry.ModuleUidTag));
        Assert.Equal("dfc0152c-8449-4b1c-9184-480ea7cb526c", upload.GetTagItem(RedisEnterpriseModulesTelemetry.ActionUidTag));
        Activity wait = Assert.Single(sdk, s => s.OperationName == "WaitForCompletion" && s.ParentSpanId == upload.SpanId);
        Assert.Equal("dfc0152c-8449-4b1c-9184-480ea7cb526c", wait.GetTagItem(RedisEnterpriseModulesTelemetry.ActionUidTag));

        Activity delete = Assert.Single(sdk, s => s.OperationName == "DeleteModule");
        Assert.Equal(ModuleUid, delete.GetTagItem(RedisEnterpriseModulesTelemetry.ModuleUidTag));
        Assert.Equal("del-1", delete.GetTagItem(RedisEnterpriseModulesTelemetry.ActionUidTag));

        List<Activity> http;
        lock (spans) http = spans.Where(s => s.Source.Name == "System.Net.Http").ToList();
        Assert.NotEmpty(http);
        var sdkSpanIds = sdk.Select(s => s.SpanId).ToHashSet();
        Assert.All(http, h => Assert.Contains(h.ParentSpanId, sdkSpanIds));
    }
}
