using Polly;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// The GET pipeline's layers on a socket, one taken away at a time, paired against the hand-written baseline: where the
/// fixed cost of a small read goes (run with <c>-- --pipeline [rounds]</c>).
/// </summary>
internal static class PipelineLayers
{
    internal static async Task RunAsync(int rounds)
    {
        using LoopbackCluster cluster = BenchmarkCluster.Start();
        RedisEnterpriseModulesClientOptions options = BenchmarkCluster.ClientOptions(cluster.Endpoint);
        using var baseline = new BaselineClient(cluster.Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password);
        (string Name, RedisEnterpriseModulesClientOptions Options)[] variants =
        [
            ("default (retries, attempt timeout)", options),
            ("retries, no attempt timeout", With(options, o => o.AttemptTimeout = Timeout.InfiniteTimeSpan)),
            ("attempt timeout, no retries", With(options, o => o.MaxRetries = 0)),
            ("the resilience handler, an empty pipeline", With(options, o => o.ResiliencePipeline = ResiliencePipeline<HttpResponseMessage>.Empty)),
            ("no resilience handler", With(options, o => { o.MaxRetries = 0; o.AttemptTimeout = Timeout.InfiniteTimeSpan; })),
        ];
        RedisEnterpriseModulesClient[] clients = [.. variants.Select(v => new RedisEnterpriseModulesClient(v.Options))];
        try
        {
            Console.WriteLine($"{rounds} rounds, loopback http; load average {PairedCalls.LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("| SDK client (paired medians against the baseline) | list, 16 modules | one action poll |");
            Console.WriteLine("|---|---|---|");
            PairedCalls.Stats[] list = await PairedCalls.CompareAsync(rounds, [() => baseline.ListModulesAsync(), .. clients.Select(c => (Func<Task>)(() => c.ListModulesAsync()))]).ConfigureAwait(false);
            PairedCalls.Stats[] poll = await PairedCalls.CompareAsync(rounds, [() => baseline.GetActionAsync(Payloads.ActionUid), .. clients.Select(c => (Func<Task>)(() => c.GetActionAsync(Payloads.ActionUid)))]).ConfigureAwait(false);
            for (int i = 0; i < variants.Length; i++) Console.WriteLine($"| {variants[i].Name} | {list[i + 1].Ratio} | {poll[i + 1].Ratio} |");
            Console.WriteLine($"| (baseline per call) | {PairedCalls.Format(list[0].Time)} | {PairedCalls.Format(poll[0].Time)} |");
            Console.WriteLine();
            Console.WriteLine("| client | voluntary context switches per poll (every thread of the process, sink included) |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| baseline | {await ContextSwitchesPerCallAsync(() => baseline.GetActionAsync(Payloads.ActionUid)).ConfigureAwait(false):0.00} |");
            for (int i = 0; i < variants.Length; i++)
            {
                RedisEnterpriseModulesClient client = clients[i];
                Console.WriteLine($"| {variants[i].Name} | {await ContextSwitchesPerCallAsync(() => client.GetActionAsync(Payloads.ActionUid)).ConfigureAwait(false):0.00} |");
            }
        }
        finally
        {
            foreach (RedisEnterpriseModulesClient client in clients) client.Dispose();
        }
    }

    /// <summary>How often the process's threads waited per call: a continuation that hops to a sleeping thread is one more.</summary>
    private static async Task<double> ContextSwitchesPerCallAsync(Func<Task> call)
    {
        const int Calls = 3000;
        static long Count()
        {
            long total = 0;
            foreach (string task in Directory.GetDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)) total += long.Parse(line.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // the thread ended while being read
                }
            }

            return total;
        }

        long before = Count();
        for (int i = 0; i < Calls; i++) await call().ConfigureAwait(false);
        return (Count() - before) / (double)Calls;
    }

    private static RedisEnterpriseModulesClientOptions With(RedisEnterpriseModulesClientOptions options, Action<RedisEnterpriseModulesClientOptions> change)
    {
        RedisEnterpriseModulesClientOptions changed = options.Clone();
        change(changed);
        return changed;
    }
}
