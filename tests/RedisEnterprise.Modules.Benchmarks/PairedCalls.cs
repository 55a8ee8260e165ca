using System.Diagnostics;
using System.Globalization;
using RedisEnterprise.Modules.Benchmarks.Baseline;
using RedisEnterprise.Modules.Benchmarks.Infrastructure;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// The per-call comparison on loopback, measured in pairs: each round times a block of baseline calls and, right after
/// (or right before: the order rotates), a block of SDK calls, and keeps their ratio. BenchmarkDotNet runs all of one
/// method's iterations before the other's, so on a shared machine a change of load between the two moves the ratio by
/// 20–40 %; neighbouring blocks see the same load, and the median of the rounds' ratios holds still.
/// </summary>
/// <remarks>Run with <c>-- --paired [rounds]</c>. Prints a Markdown table.</remarks>
internal static class PairedCalls
{
    private static readonly TimeSpan BlockLength = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WarmUpLength = TimeSpan.FromSeconds(1);

    internal static async Task RunAsync(int rounds)
    {
        using LoopbackCluster cluster = LoopbackCluster.Start();
        var options = new RedisEnterpriseModulesClientOptions
        {
            Endpoint = cluster.Endpoint,
            AllowInsecureHttp = true,
            Username = LoopbackCluster.Username,
            Password = LoopbackCluster.Password,
        };
        using var sdk = new RedisEnterpriseModulesClient(options);

        // The baseline never retries; this SDK client doesn't either (no retry, no attempt timeout: no resilience pipeline work).
        RedisEnterpriseModulesClientOptions withoutRetries = options.Clone();
        withoutRetries.MaxRetries = 0;
        withoutRetries.AttemptTimeout = Timeout.InfiniteTimeSpan;
        using var sdkWithoutRetries = new RedisEnterpriseModulesClient(withoutRetries);
        using var baseline = new BaselineClient(cluster.Endpoint, LoopbackCluster.Username, LoopbackCluster.Password);

        Console.WriteLine($"{rounds} rounds of paired blocks (~{BlockLength.TotalMilliseconds:0} ms each), loopback http; {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| call (loopback, medians) | baseline | SDK | SDK/baseline (IQR) | SDK, no retries | no retries/baseline (IQR) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (int modules in new[] { 16, 500 })
        {
            cluster.ServeModuleList(modules);
            await CompareAsync($"list, {modules} modules", rounds, () => baseline.ListModulesAsync(), () => sdk.ListModulesAsync(), () => sdkWithoutRetries.ListModulesAsync()).ConfigureAwait(false);
        }

        await CompareAsync("get one module", rounds, () => baseline.GetModuleAsync(Payloads.ModuleUid), () => sdk.GetModuleAsync(Payloads.ModuleUid), () => sdkWithoutRetries.GetModuleAsync(Payloads.ModuleUid)).ConfigureAwait(false);
        await CompareAsync("one action poll", rounds, () => baseline.GetActionAsync(Payloads.ActionUid), () => sdk.GetActionAsync(Payloads.ActionUid), () => sdkWithoutRetries.GetActionAsync(Payloads.ActionUid)).ConfigureAwait(false);
    }

    /// <summary>Times the baseline (first) and each other contender in neighbouring blocks, the order rotating every round.</summary>
    private static async Task CompareAsync(string name, int rounds, params Func<Task>[] contenders)
    {
        // Warm all up (a second each, so tiered compilation has settled), then size the blocks to last about BlockLength.
        TimeSpan[] warm = new TimeSpan[contenders.Length];
        for (int i = 0; i < contenders.Length; i++) warm[i] = await WarmUpAsync(contenders[i]).ConfigureAwait(false);
        int callsPerBlock = Math.Max(1, (int)(BlockLength / warm[0]));

        List<TimeSpan>[] times = [.. contenders.Select(_ => new List<TimeSpan>(rounds))];
        List<double>[] ratios = [.. contenders.Select(_ => new List<double>(rounds))];
        var round = new TimeSpan[contenders.Length];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < contenders.Length; k++)
            {
                int which = (k + r) % contenders.Length;
                round[which] = await TimePerCallAsync(contenders[which], callsPerBlock).ConfigureAwait(false);
            }

            for (int i = 0; i < contenders.Length; i++)
            {
                times[i].Add(round[i]);
                ratios[i].Add(round[i] / round[0]);
            }
        }

        Console.WriteLine($"| {name} | {Format(Median(times[0]))} | {Format(Median(times[1]))} | {Ratio(ratios[1])} | {Format(Median(times[2]))} | {Ratio(ratios[2])} |");
    }

    private static string Ratio(List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{ratios[ratios.Count / 2]:0.00} ({ratios[ratios.Count / 4]:0.00}–{ratios[ratios.Count * 3 / 4]:0.00})");
    }

    private static async Task<TimeSpan> WarmUpAsync(Func<Task> call)
    {
        long started = Stopwatch.GetTimestamp();
        int calls = 0;
        for (; Stopwatch.GetElapsedTime(started) < WarmUpLength; calls++) await call().ConfigureAwait(false);
        return await TimePerCallAsync(call, Math.Max(1, calls / 10)).ConfigureAwait(false);
    }

    private static async Task<TimeSpan> TimePerCallAsync(Func<Task> call, int calls)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++) await call().ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started) / calls;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static string Format(TimeSpan time) => time.TotalMilliseconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.00} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMicroseconds:0} µs");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
