using System.Diagnostics;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// The SDK against the hand-written baseline on loopback, measured in pairs: each round times a block of baseline calls
/// and, next to it (the order rotates), a block of each other contender's, and keeps their ratios. BenchmarkDotNet runs all
/// of one method's iterations before the other's, so on a shared machine a change of load between the two moves the ratio
/// by 20–40 %; neighbouring blocks see the same load, and the median of the rounds' ratios holds still.
/// </summary>
/// <remarks>
/// Run with <c>-- --paired [rounds]</c> (calls, then parsing alone), adding <c>--large</c> for uploads of 1 MiB, 100 MiB and
/// 1 GiB, then the validated uploads and the fan-out of <see cref="ValidatedUploads"/> (256 MiB). Prints Markdown tables.
/// </remarks>
internal static class PairedCalls
{
    private static readonly TimeSpan BlockLength = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WarmUpLength = TimeSpan.FromSeconds(1);

    internal static async Task RunAsync(int rounds, bool uploads)
    {
        using LoopbackCluster cluster = BenchmarkCluster.Start();
        RedisEnterpriseModulesClientOptions options = BenchmarkCluster.ClientOptions(cluster.Endpoint);
        using var sdk = new RedisEnterpriseModulesClient(options);

        // The baseline never retries; this SDK client doesn't either (no retry, no attempt timeout: no resilience pipeline work).
        RedisEnterpriseModulesClientOptions withoutRetries = options.Clone();
        withoutRetries.MaxRetries = 0;
        withoutRetries.AttemptTimeout = Timeout.InfiniteTimeSpan;
        using var sdkWithoutRetries = new RedisEnterpriseModulesClient(withoutRetries);
        using var baseline = new BaselineClient(cluster.Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password);

        Console.WriteLine($"{rounds} rounds of neighbouring blocks (~{BlockLength.TotalMilliseconds:0} ms or one call each), loopback http; {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| call (loopback, medians) | baseline | SDK | SDK/baseline (IQR) | SDK, no retries | no retries/baseline (IQR) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        NodeInfo node = RedisEnterpriseModulesModelFactory.NodeInfo(uid: 1, address: "127.0.0.1", status: "active");
        byte[] list16 = Payloads.List(16), list500 = Payloads.List(500);
        // The databases are answered first as a cluster answers the SDK's ?fields= (the keys asked for), to both clients, then
        // with the whole captured database, as a cluster that ignored ?fields= would (and as the baseline, which does not ask,
        // gets it from a real one).
        CallRow[] rows =
        [
            new("list, 16 modules", () => cluster.Serve(LoopbackCluster.Route.List, list16), () => baseline.ListModulesAsync(), () => sdk.ListModulesAsync(), () => sdkWithoutRetries.ListModulesAsync()),
            new("list, 500 modules", () => cluster.Serve(LoopbackCluster.Route.List, list500), () => baseline.ListModulesAsync(), () => sdk.ListModulesAsync(), () => sdkWithoutRetries.ListModulesAsync()),
            new("get one module", null, () => baseline.GetModuleAsync(Payloads.ModuleUid), () => sdk.GetModuleAsync(Payloads.ModuleUid), () => sdkWithoutRetries.GetModuleAsync(Payloads.ModuleUid)),
            new("one action poll", null, () => baseline.GetActionAsync(Payloads.ActionUid), () => sdk.GetActionAsync(Payloads.ActionUid), () => sdkWithoutRetries.GetActionAsync(Payloads.ActionUid)),
            new("list nodes (captured)", null, () => baseline.ListNodesAsync(), () => sdk.ListNodesAsync(), () => sdkWithoutRetries.ListNodesAsync()),
            new("get cluster (captured)", null, () => baseline.GetClusterAsync(), () => sdk.GetClusterAsync(), () => sdkWithoutRetries.GetClusterAsync()),
            new("list databases (one, captured, as asked)", () => ServeDatabases(cluster, Payloads.DatabasesAsAsked, Payloads.DatabaseAsAsked), () => baseline.ListDatabasesAsync(), () => sdk.ListDatabasesAsync(), () => sdkWithoutRetries.ListDatabasesAsync()),
            new("get database (captured, as asked)", () => ServeDatabases(cluster, Payloads.DatabasesAsAsked, Payloads.DatabaseAsAsked), () => baseline.GetDatabaseAsync(1), () => sdk.GetDatabaseAsync(1), () => sdkWithoutRetries.GetDatabaseAsync(1)),
            new("list databases (one, captured, whole)", () => ServeDatabases(cluster, Payloads.Databases, Payloads.Database), () => baseline.ListDatabasesAsync(), () => sdk.ListDatabasesAsync(), () => sdkWithoutRetries.ListDatabasesAsync()),
            new("get database (captured, whole)", () => ServeDatabases(cluster, Payloads.Databases, Payloads.Database), () => baseline.GetDatabaseAsync(1), () => sdk.GetDatabaseAsync(1), () => sdkWithoutRetries.GetDatabaseAsync(1)),
            new("a node's artifacts", null, () => baseline.ListArtifactsAsync(), () => sdk.ListModuleArtifactsAsync(node), () => sdkWithoutRetries.ListModuleArtifactsAsync(node)),
        ];

        // Every call once through first: the SDK has far more code than the baseline for the JIT's background tiers to finish,
        // and the first row measured used to carry that.
        foreach (CallRow row in rows)
        {
            row.Serve?.Invoke();
            foreach (Func<Task> call in row.Contenders) await WarmUpAsync(call).ConfigureAwait(false);
        }

        foreach (CallRow row in rows)
        {
            row.Serve?.Invoke();
            PrintRow(row.Name, await CompareAsync(rounds, row.Contenders).ConfigureAwait(false));
        }

        // The model's share, without HTTP: the same bytes parsed by the baseline's DTO and by the SDK's model (its generated metadata).
        Console.WriteLine();
        Console.WriteLine("| parse only (from memory, medians) | plain DTO | SDK model | SDK/DTO (IQR) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (int modules in new[] { 16, 500 })
        {
            byte[] list = Payloads.List(modules);
            PrintPair(
                $"list, {modules} modules",
                await CompareAsync(rounds, Parse(list, BaselineJsonContext.Default.ListModuleDto), Parse(list, Serialization.ModulesJsonContext.Default.IReadOnlyListModuleInfo)).ConfigureAwait(false));
        }

        Stats[] clusterParse = await CompareAsync(
            rounds,
            Parse(Payloads.Cluster, BaselineJsonContext.Default.ClusterDto),
            Parse(Payloads.Cluster, Serialization.ModulesJsonContext.Default.ClusterInfo),
            ParseAsTheClientDoes(Payloads.Cluster, Serialization.ModulesJsonContext.Default.ClusterInfo),
            Parse(Payloads.Cluster, BaselineJsonContext.Default.ClusterWithRestDto),
            Parse(Payloads.Cluster, BaselineJsonContext.Default.ClusterWithRestNodeDto),
            () =>
            {
                using var document = System.Text.Json.JsonDocument.Parse(Payloads.Cluster);
                _ = document.RootElement.Clone();
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        Console.WriteLine($"| cluster (captured), as the client reads it (other keys kept, read when asked for) | {Format(clusterParse[0].Time)} | {Format(clusterParse[2].Time)} | {clusterParse[2].Ratio} |");
        Console.WriteLine($"| cluster, `ClusterInfo` with its other keys read at once (a `JsonDocument` per key; an answer read as it streams) | {Format(clusterParse[0].Time)} | {Format(clusterParse[1].Time)} | {clusterParse[1].Ratio} |");
        Console.WriteLine($"| cluster, the DTO keeping its other keys (`[JsonExtensionData]` dictionary) | {Format(clusterParse[0].Time)} | {Format(clusterParse[3].Time)} | {clusterParse[3].Ratio} |");
        Console.WriteLine($"| cluster, the DTO keeping its other keys in a `JsonObject` | {Format(clusterParse[0].Time)} | {Format(clusterParse[4].Time)} | {clusterParse[4].Ratio} |");
        Console.WriteLine($"| cluster, one `JsonDocument` of the whole answer, cloned | {Format(clusterParse[0].Time)} | {Format(clusterParse[5].Time)} | {clusterParse[5].Ratio} |");
        PrintPair("nodes (captured), as the client reads them", await CompareAsync(rounds, Parse(Payloads.Nodes, BaselineJsonContext.Default.ListNodeDto), ParseAsTheClientDoes(Payloads.Nodes, Serialization.ModulesJsonContext.Default.IReadOnlyListNodeInfo)).ConfigureAwait(false));
        PrintPair(
            "one action",
            await CompareAsync(rounds, Parse(Payloads.Action, BaselineJsonContext.Default.ActionDto), Parse(Payloads.Action, Serialization.ModulesJsonContext.Default.ActionInfo)).ConfigureAwait(false));
        if (!uploads) return;

        Console.WriteLine();
        Console.WriteLine("| upload (loopback, medians) | HttpClient | SDK (`StartUploadModuleAsync`, `Validate = false`) | SDK/HttpClient time (IQR) | HttpClient + `Expect: 100-continue` | SDK/that (IQR) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        DirectoryInfo folder = TestFiles.CreateFolder();
        try
        {
            foreach (long size in new[] { FileSize.MiB, 100 * FileSize.MiB, FileSize.GiB })
            {
                string path = Path.Combine(folder.FullName, $"bench{size}.Linux-ubuntu18.04-x86_64.1.0.0.zip");
                TestFiles.WriteBinary(path, size);
                Stats[] stats = await CompareAsync(
                    size >= 100 * FileSize.MiB ? Math.Min(rounds, 15) : rounds,
                    () => baseline.UploadModuleAsync(path),
                    () => sdk.StartUploadModuleAsync(path, BenchmarkCluster.NoValidation),
                    () => baseline.UploadModuleAsync(path, expectContinue: true)).ConfigureAwait(false);
                Console.WriteLine(
                    $"| {new FileSize(size)} | {Throughput(size, stats[0].Time)} | {Throughput(size, stats[1].Time)} | {stats[1].Ratio} | {Throughput(size, stats[2].Time)} | "
                    + $"{FormatRatios(stats[1].Ratios.Zip(stats[2].Ratios, (s, expect) => s / expect).ToList())} |");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // The default (validated) path and the fan-out to three nodes, as --validated runs them.
        Console.WriteLine();
        await ValidatedUploads.RunAsync(Math.Min(rounds, 9), 256 * FileSize.MiB).ConfigureAwait(false);
    }

    /// <summary>Times the baseline (first) and each other contender in neighbouring blocks, the order rotating every round.</summary>
    internal static async Task<Stats[]> CompareAsync(int rounds, params Func<Task>[] contenders)
    {
        // Warm all up (a second each, so tiered compilation has settled), then size the blocks to last about BlockLength.
        var warm = new TimeSpan[contenders.Length];
        for (int i = 0; i < contenders.Length; i++) warm[i] = await WarmUpAsync(contenders[i]).ConfigureAwait(false);
        int callsPerBlock = Math.Max(1, (int)(BlockLength / warm[0]));

        List<TimeSpan>[] times = [.. contenders.Select(_ => new List<TimeSpan>(rounds))];
        var round = new TimeSpan[contenders.Length];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < contenders.Length; k++)
            {
                int which = (k + r) % contenders.Length;
                round[which] = await TimePerCallAsync(contenders[which], callsPerBlock).ConfigureAwait(false);
            }

            for (int i = 0; i < contenders.Length; i++) times[i].Add(round[i]);
        }

        return [.. times.Select(t => new Stats(t, [.. t.Zip(times[0], (mine, baseline) => mine / baseline)]))];
    }

    private static Func<Task> Parse<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => () =>
    {
        _ = System.Text.Json.JsonSerializer.Deserialize(json, typeInfo);
        return Task.CompletedTask;
    };

    private static Func<Task> ParseAsTheClientDoes<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => () =>
    {
        _ = Serialization.UnreadKeysReading.Deserialize(json, typeInfo);
        return Task.CompletedTask;
    };

    private static void PrintRow(string name, Stats[] stats) =>
        Console.WriteLine($"| {name} | {Format(stats[0].Time)} | {Format(stats[1].Time)} | {stats[1].Ratio} | {Format(stats[2].Time)} | {stats[2].Ratio} |");

    private static void PrintPair(string name, Stats[] stats) =>
        Console.WriteLine($"| {name} | {Format(stats[0].Time)} | {Format(stats[1].Time)} | {stats[1].Ratio} |");

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

    internal static string FormatRatios(List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{ratios[ratios.Count / 2]:0.00} ({ratios[ratios.Count / 4]:0.00}–{ratios[ratios.Count * 3 / 4]:0.00})");
    }

    internal static string Format(TimeSpan time) => time.TotalMilliseconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.00} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMicroseconds:0.#} µs");

    internal static string Throughput(long bytes, TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / time.TotalSeconds / 1e6:N0} MB/s");

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void ServeDatabases(LoopbackCluster cluster, byte[] list, byte[] one)
    {
        cluster.Serve(LoopbackCluster.Route.Databases, list);
        cluster.Serve(LoopbackCluster.Route.Database, one);
    }

    /// <summary>One row of the per-call table: what the sink answers, then the baseline, the SDK and the SDK without retries.</summary>
    private sealed record CallRow(string Name, Action? Serve, Func<Task> Baseline, Func<Task> Sdk, Func<Task> SdkWithoutRetries)
    {
        internal Func<Task>[] Contenders => [Baseline, Sdk, SdkWithoutRetries];
    }

    /// <summary>One contender's time per call in every round, and its ratio to the baseline's in the same round.</summary>
    internal sealed record Stats(List<TimeSpan> Times, List<double> Ratios)
    {
        internal TimeSpan Time => Times.Order().ElementAt(Times.Count / 2);

        internal string Ratio => FormatRatios([.. Ratios]);
    }
}
