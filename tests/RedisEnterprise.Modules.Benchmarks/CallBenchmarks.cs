using BenchmarkDotNet.Attributes;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>The loopback cluster and the two clients the per-call benchmarks compare: the SDK and a hand-written <see cref="HttpClient"/>.</summary>
public abstract class CallBenchmarkBase
{
    private protected LoopbackCluster Cluster { get; private set; } = null!;

    private protected RedisEnterpriseModulesClient Sdk { get; private set; } = null!;

    private protected BaselineClient Baseline { get; private set; } = null!;

    private protected void StartCluster()
    {
        Cluster = BenchmarkCluster.Start();
        Sdk = new RedisEnterpriseModulesClient(BenchmarkCluster.ClientOptions(Cluster.Endpoint));
        Baseline = new BaselineClient(Cluster.Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password);
    }

    [GlobalCleanup]
    public virtual void Cleanup()
    {
        Sdk.Dispose();
        Baseline.Dispose();
        Cluster.Dispose();
    }

    private protected static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"the benchmark is not measuring what it claims: {what}");
    }
}

/// <summary><c>GET /v1/modules</c> answering 16 and 500 modules.</summary>
[CallsJob]
public class ListModulesBenchmarks : CallBenchmarkBase
{
    [Params(16, 500)]
    public int Modules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        StartCluster();
        Cluster.Serve(LoopbackCluster.Route.List, Payloads.List(Modules));
        Check(Sdk.ListModulesAsync().GetAwaiter().GetResult().Count == Modules, "the SDK's list");
        Check(Baseline.ListModulesAsync().GetAwaiter().GetResult().Count == Modules, "the baseline's list");
    }

    [Benchmark(Baseline = true)]
    public Task<List<ModuleDto>> HttpClient() => Baseline.ListModulesAsync();

    /// <summary>The baseline's code reading into the SDK's <see cref="ModuleInfo"/>: the model's share of the difference.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ModuleInfo>> HttpClientSdkModel() => Baseline.ListSdkModelsAsync();

    [Benchmark]
    public Task<IReadOnlyList<ModuleInfo>> SDK() => Sdk.ListModulesAsync();
}

/// <summary><c>GET /v1/modules/{uid}</c>.</summary>
[CallsJob]
public class GetModuleBenchmarks : CallBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        StartCluster();
        Check(Sdk.GetModuleAsync(Payloads.ModuleUid).GetAwaiter().GetResult().Dependencies?.Count == 2, "the SDK's module");
        Check(Baseline.GetModuleAsync(Payloads.ModuleUid).GetAwaiter().GetResult().Dependencies?.Count == 2, "the baseline's module");
    }

    [Benchmark(Baseline = true)]
    public Task<ModuleDto> HttpClient() => Baseline.GetModuleAsync(Payloads.ModuleUid);

    [Benchmark]
    public Task<ModuleInfo> SDK() => Sdk.GetModuleAsync(Payloads.ModuleUid);
}

/// <summary>One poll of an action: <c>GET /v1/actions/{action_uid}</c>.</summary>
[CallsJob]
public class PollActionBenchmarks : CallBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        StartCluster();
        Check(Sdk.GetActionAsync(Payloads.ActionUid).GetAwaiter().GetResult().Status == ActionStatus.Completed, "the SDK's action");
        Check(Baseline.GetActionAsync(Payloads.ActionUid).GetAwaiter().GetResult().Status == "completed", "the baseline's action");
    }

    [Benchmark(Baseline = true)]
    public Task<ActionDto> HttpClient() => Baseline.GetActionAsync(Payloads.ActionUid);

    [Benchmark]
    public Task<ActionInfo> SDK() => Sdk.GetActionAsync(Payloads.ActionUid);
}

/// <summary>
/// Deserializing a 500-module list from memory, no HTTP: the SDK's tolerant model (lenient converters, unknown keys kept,
/// read by its generated metadata) against the plain DTO of the baseline.
/// </summary>
[CallsJob]
public class ModelBenchmarks
{
    private readonly byte[] _list = Payloads.List(500);

    [Benchmark(Baseline = true)]
    public List<ModuleDto>? PlainDto() => System.Text.Json.JsonSerializer.Deserialize(_list, Baseline.BaselineJsonContext.Default.ListModuleDto);

    [Benchmark]
    public IReadOnlyList<ModuleInfo>? SdkModel() => System.Text.Json.JsonSerializer.Deserialize(_list, Serialization.ModulesJsonContext.Default.IReadOnlyListModuleInfo);
}
