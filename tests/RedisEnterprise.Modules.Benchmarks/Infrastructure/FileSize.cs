
namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>A generated file's size, shown as <c>1 MiB</c> in the summary.</summary>
public sealed record FileSize(long Bytes) : IComparable<FileSize>, IComparable
{
    internal const string LargeVariable = "REM_BENCH_LARGE";

    /// <summary>Sizes of every run, plus <paramref name="large"/> when <c>REM_BENCH_LARGE=1</c> (the <c>--large</c> switch).</summary>
    internal static IEnumerable<FileSize> Of(IEnumerable<long> always, long large)
    {
        foreach (long bytes in always) yield return new FileSize(bytes);
        if (Environment.GetEnvironmentVariable(LargeVariable) == "1") yield return new FileSize(large);
    }

    internal const long MiB = 1L << 20;
    internal const long GiB = 1L << 30;

    public int CompareTo(FileSize? other) => other is null ? 1 : Bytes.CompareTo(other.Bytes);

    public int CompareTo(object? obj) => CompareTo(obj as FileSize);

    public static bool operator <(FileSize left, FileSize right) => left.CompareTo(right) < 0;

    public static bool operator <=(FileSize left, FileSize right) => left.CompareTo(right) <= 0;

    public static bool operator >(FileSize left, FileSize right) => left.CompareTo(right) > 0;

    public static bool operator >=(FileSize left, FileSize right) => left.CompareTo(right) >= 0;

    public override string ToString() => Bytes >= GiB && Bytes % GiB == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Bytes / GiB} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{Bytes / MiB} MiB");
}
