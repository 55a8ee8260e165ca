using BenchmarkDotNet.Attributes;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// The same calls with the network taken out: both clients send through an in-memory handler that answers with the
/// canned bytes at once. What is left is each client's own work per call (request, headers, error check, JSON), which
/// does not swing with the load of a shared machine the way loopback round trips do.
/// </summary>
[CallsJob]
public class InMemoryCallBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9443");
    private CannedHandler _handler = null!;
    private RedisEnterpriseModulesClient _sdk = null!;
    private BaselineClient _baseline = null!;

    [Params("poll", "get", "list 16", "list 500")]
    public string Call { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new CannedHandler(Call switch
        {
            "poll" => Payloads.Action,
            "get" => Payloads.Module,
            "list 16" => Payloads.List(16),
            _ => Payloads.List(500),
        });
        _sdk = new RedisEnterpriseModulesClient(new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, BenchmarkCluster.ClientOptions(Endpoint));
        _baseline = new BaselineClient(Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password, _handler);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _baseline.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task HttpClient() => Call switch
    {
        "poll" => _baseline.GetActionAsync(Payloads.ActionUid),
        "get" => _baseline.GetModuleAsync(Payloads.ModuleUid),
        _ => _baseline.ListModulesAsync(),
    };

    [Benchmark]
    public Task SDK() => Call switch
    {
        "poll" => _sdk.GetActionAsync(Payloads.ActionUid),
        "get" => _sdk.GetModuleAsync(Payloads.ModuleUid),
        _ => _sdk.ListModulesAsync(),
    };
}
