namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>
/// The process's peak resident set (Linux <c>VmHWM</c>), which Linux lets a process reset (<c>/proc/self/clear_refs</c>,
/// value 5), so a test can measure the peak of one operation rather than of everything the process did before it.
/// </summary>
internal static class PeakMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Whether the peak can be reset and read here (Linux 4.0 and later, with /proc).</summary>
    internal static bool CanReset { get; } = OperatingSystem.IsLinux() && File.Exists(ClearRefs) && TryReset();

    /// <summary>Resets the peak to the current resident set and returns it, in bytes.</summary>
    internal static long Reset()
    {
        File.WriteAllText(ClearRefs, "5");
        return Read();
    }

    /// <summary>The peak resident set since the last reset (or the start), in bytes.</summary>
    internal static long Read()
    {
        string line = File.ReadLines(Status).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
    }

    private static bool TryReset()
    {
        try
        {
            Reset();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
