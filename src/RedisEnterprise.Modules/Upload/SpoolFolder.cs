using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// Where a stream that cannot seek is copied before its upload: a folder of this process's own in the temp folder, readable by
/// its owner only, named for the process (its id and start time). A copy is deleted when its upload ends (even on an exception);
/// only a process that is killed leaves one behind, and the next process to spool removes the folders of processes that are gone.
/// </summary>
internal static class SpoolFolder
{
    internal const string Prefix = "redis-module-spool-";

    // Two readings of one process's start time may differ by a little (it is derived from the time since boot).
    private const long StartTimeTolerance = 2;

    private static readonly Lazy<string> OwnName = new(() =>
    {
        using Process self = Process.GetCurrentProcess();
        return Name(self.Id, StartSeconds(self));
    });

    /// <summary>
    /// Creates an empty spool file (mode 0600 on Unix, in a folder of mode 0700), deleted when it is closed; with
    /// <paramref name="severalReaders"/>, others may open it for reading meanwhile and the caller deletes it (the uploads to
    /// several nodes each read the one copy).
    /// </summary>
    internal static FileStream Create(int bufferSize, bool severalReaders = false)
    {
        string temp = Path.GetTempPath();
        RemoveStale(temp);
        string folder = Path.Combine(temp, OwnName.Value);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = severalReaders ? FileShare.Read : FileShare.None,
            BufferSize = bufferSize,
            Options = severalReaders ? FileOptions.Asynchronous : FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder); // the temp folder is the user's own
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".zip"), options);
    }

    /// <summary>Deletes the spool folders in <paramref name="temp"/> whose process is no longer running; a folder it cannot tell about, or delete, is left.</summary>
    internal static void RemoveStale(string temp)
    {
        try
        {
            foreach (string folder in Directory.EnumerateDirectories(temp, Prefix + "*"))
            {
                if (!TryParse(Path.GetFileName(folder), out int id, out long start) || IsRunning(id, start)) continue;
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or being removed by another process meanwhile.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp folder cannot be listed: nothing to clean, and the upload need not fail for it.
        }
    }

    private static string Name(int id, long startSeconds) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}-{startSeconds}");

    private static bool TryParse(string name, out int id, out long start)
    {
        string[] parts = name[Prefix.Length..].Split('-');
        start = 0;
        id = 0;
        return parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out id) &&
            long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out start);
    }

    private static bool IsRunning(int id, long start)
    {
        try
        {
            using Process process = Process.GetProcessById(id);
            return Math.Abs(StartSeconds(process) - start) <= StartTimeTolerance; // else the id was reused by another process
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // not running, or exited meanwhile
        }
        catch (Exception e) when (e is Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return true; // cannot tell: keep it
        }
    }

    private static long StartSeconds(Process process) => new DateTimeOffset(process.StartTime).ToUnixTimeSeconds();
}
