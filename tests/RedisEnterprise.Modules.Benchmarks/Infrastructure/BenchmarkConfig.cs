using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>
/// One short job (1 launch, 3 warm-ups, 3 measured iterations) so a full run stays affordable on 2 shared cores,
/// allocations per call, SDK/baseline ratios, and MB/s for benchmarks that move a file.
/// </summary>
internal static class BenchmarkConfig
{
    internal static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.ShortRun.WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new ThroughputColumn())
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        .HideColumns(Column.Error, Column.Gen0, Column.Gen1, Column.Gen2);
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
