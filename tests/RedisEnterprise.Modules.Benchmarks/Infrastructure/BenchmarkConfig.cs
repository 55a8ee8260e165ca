using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>
/// Allocations per call, SDK/baseline ratios, medians, and MB/s for benchmarks that move a file. Each class names its job:
/// <see cref="CallsJobAttribute"/> for calls of microseconds, BenchmarkDotNet's short run for files.
/// </summary>
internal static class BenchmarkConfig
{
    internal static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new ThroughputColumn())
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        .AddColumn(StatisticColumn.Median)
        .HideColumns(Column.Error, Column.Gen0, Column.Gen1, Column.Gen2);
}

/// <summary>
/// Per-call benchmarks take ~0.1 ms a call on loopback, and two shared cores make single iterations noisy: 15 measured
/// iterations of ~0.5 s each (about 10 s per benchmark) give medians that hold still.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CallsJobAttribute : JobConfigBaseAttribute
{
    public CallsJobAttribute()
        : base(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15).WithId("Calls"))
    {
    }
}

/// <summary>Megabytes (10^6 bytes) per second, for benchmarks with a <see cref="FileSize"/> parameter named <c>Size</c>.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => false;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6 bytes) of the file moved per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Size"] is not FileSize size) return "-";
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (size.Bytes / (meanNs.Value / 1e9) / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(b => b.Parameters["Size"] is FileSize);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
