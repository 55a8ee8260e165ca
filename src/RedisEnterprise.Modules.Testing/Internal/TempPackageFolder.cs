using System.Diagnostics;
using System.Globalization;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Where <see cref="ModulePackageBuilder.WriteToTempFile"/> writes: one folder per process under the temp path, named
/// for the process (id and start time), holding a fresh folder per package. It is deleted when the process exits; a
/// folder whose process died without exiting is deleted by the next process that writes a package there.
/// </summary>
internal sealed class TempPackageFolder
{
    private const string Prefix = "redis-modules-testing-";
    private static readonly Lazy<TempPackageFolder> ForThisProcess = new(() => Open(Path.GetTempPath(), Environment.ProcessId, StartTimeOf(Process.GetCurrentProcess())));

    private TempPackageFolder(string root) => Root = root;

    /// <summary>This process's folder.</summary>
    internal string Root { get; }

    internal static TempPackageFolder Current => ForThisProcess.Value;

    /// <summary>
    /// The folder of the process <paramref name="processId"/> started at <paramref name="startTime"/> (Unix seconds) under
    /// <paramref name="tempPath"/>, after deleting the folders of processes that no longer run; deleted when this process exits.
    /// </summary>
    internal static TempPackageFolder Open(string tempPath, int processId, long startTime)
    {
        DeleteStale(tempPath);
        var folder = new TempPackageFolder(Path.Combine(tempPath, $"{Prefix}{processId}-{startTime.ToString(CultureInfo.InvariantCulture)}"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Delete();
        return folder;
    }

    /// <summary>A new, empty folder for one package (readable by the owner only on Unix).</summary>
    internal string CreateDirectory()
    {
        string directory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    /// <summary>Deletes this process's folder and every package in it.</summary>
    internal void Delete() => DeleteQuietly(Root);

    private static void DeleteStale(string tempPath)
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(tempPath, Prefix + "*").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string folder in folders)
        {
            string[] owner = Path.GetFileName(folder)[Prefix.Length..].Split('-');
            if (owner.Length == 2
                && int.TryParse(owner[0], NumberStyles.None, CultureInfo.InvariantCulture, out int processId)
                && long.TryParse(owner[1], NumberStyles.None, CultureInfo.InvariantCulture, out long startTime)
                && !IsRunning(processId, startTime))
            {
                DeleteQuietly(folder);
            }
        }
    }

    /// <summary>
    /// Whether that process still runs; the start time tells it apart from a later process that got its id. Within two
    /// seconds, because each process derives start times from its own reading of the boot time.
    /// </summary>
    private static bool IsRunning(int processId, long startTime)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return Math.Abs(StartTimeOf(process) - startTime) <= 2;
        }
        catch (ArgumentException)
        {
            return false; // no process has that id
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // it exists but cannot be inspected (another user's): leave its folder alone
        }
    }

    private static long StartTimeOf(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or in use: a later process deletes it.
        }
    }
}
