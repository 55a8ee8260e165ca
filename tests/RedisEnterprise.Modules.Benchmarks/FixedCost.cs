using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// Where the SDK's fixed cost per call goes: the 16-module list through an in-memory handler (no network, so the load of a
/// shared machine moves it little), with the SDK's layers added one at a time, timed in pairs against the hand-written
/// baseline, with the bytes each call allocates.
/// </summary>
/// <remarks>Run with <c>-- --fixed-cost [rounds]</c>.</remarks>
internal static class FixedCost
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9443");

    internal static async Task RunAsync(int rounds)
    {
        using var handler = new CannedHandler(Payloads.List(16));
        using var baseline = new BaselineClient(Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password, handler);
        RedisEnterpriseModulesClientOptions options = BenchmarkCluster.ClientOptions(Endpoint);

        RedisEnterpriseModulesClientOptions noTimeout = options.Clone();
        noTimeout.RequestTimeout = Timeout.InfiniteTimeSpan;
        RedisEnterpriseModulesClientOptions noRetries = options.Clone();
        noRetries.MaxRetries = 0;
        noRetries.AttemptTimeout = Timeout.InfiniteTimeSpan;
        RedisEnterpriseModulesClientOptions noAttemptTimeout = options.Clone();
        noAttemptTimeout.AttemptTimeout = Timeout.InfiniteTimeSpan;

        (string Name, RedisEnterpriseModulesClient Client)[] layers =
        [
            ("SDK on the caller's HttpClient (no handlers: call, Refit, reader)", new RedisEnterpriseModulesClient(Through(handler), options)),
            ("… without its request timeout", new RedisEnterpriseModulesClient(Through(handler), noTimeout)),
            ("+ logging handler (the chain without retries)", new RedisEnterpriseModulesClient(Chain(new CannedHandler(Payloads.List(16)), noRetries), options)),
            ("+ retry strategy, no attempt timeout", new RedisEnterpriseModulesClient(Chain(new CannedHandler(Payloads.List(16)), noAttemptTimeout), options)),
            ("+ attempt timeout: the default chain", new RedisEnterpriseModulesClient(Chain(new CannedHandler(Payloads.List(16)), options), options)),
        ];

        try
        {
            PairedCalls.Stats[] stats = await PairedCalls.CompareAsync(rounds, [() => baseline.ListModulesAsync(), .. layers.Select(l => (Func<Task>)(() => l.Client.ListModulesAsync()))]).ConfigureAwait(false);
            Console.WriteLine($"{rounds} rounds, list of 16 modules through an in-memory handler; {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {PairedCalls.LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("| layers (in memory, paired medians) | time per call | over the baseline | /baseline (IQR) | allocated per call |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine($"| hand-written HttpClient + DTO | {PairedCalls.Format(stats[0].Time)} | - | 1.00 | {await AllocatedAsync(() => baseline.ListModulesAsync()).ConfigureAwait(false):N0} B |");
            for (int i = 0; i < layers.Length; i++)
            {
                RedisEnterpriseModulesClient client = layers[i].Client;
                Console.WriteLine(
                    $"| {layers[i].Name} | {PairedCalls.Format(stats[i + 1].Time)} | {PairedCalls.Format(stats[i + 1].Time - stats[0].Time)} | {stats[i + 1].Ratio} | "
                    + $"{await AllocatedAsync(() => client.ListModulesAsync()).ConfigureAwait(false):N0} B |");
            }
        }
        finally
        {
            foreach ((_, RedisEnterpriseModulesClient client) in layers) client.Dispose();
        }
    }

    private static HttpClient Through(HttpMessageHandler handler) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The SDK's own handlers for <paramref name="options"/> around an in-memory handler (disposed with the client).</summary>
    private static HttpClient Chain(HttpMessageHandler primary, RedisEnterpriseModulesClientOptions options)
    {
        HttpMessageHandler inner = primary;
        IReadOnlyList<DelegatingHandler> handlers = HandlerChain.CreateDelegatingHandlers(options);
        for (int i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return new HttpClient(inner) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async Task<long> AllocatedAsync(Func<Task> call)
    {
        const int Calls = 2000;
        for (int i = 0; i < 200; i++) await call().ConfigureAwait(false);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Calls; i++) await call().ConfigureAwait(false);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / Calls;
    }
}
