using System.Diagnostics;
using RedisEnterprise.Modules.Testing.Internal;

namespace RedisEnterprise.Modules.Testing.Tests;

public sealed class TempPackageFolderTests : IDisposable
{
    private readonly string _tempPath = Directory.CreateTempSubdirectory("temp-package-folder-tests-").FullName;

    public void Dispose() => Directory.Delete(_tempPath, recursive: true);

    [Fact]
    public void WriteToTempFile_writes_into_this_process_folder()
    {
        string path = new ModulePackageBuilder("rejson", "2.0.8").WriteToTempFile();
        string processFolder = Path.GetDirectoryName(Path.GetDirectoryName(path))!;
        Assert.Equal(TempPackageFolder.Current.Root, processFolder);
        Assert.StartsWith($"redis-modules-testing-{Environment.ProcessId}-", Path.GetFileName(processFolder), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Delete_removes_the_folder_with_every_package_in_it()
    {
        TempPackageFolder folder = TempPackageFolder.Open(_tempPath, Environment.ProcessId, StartTime());
        string first = new ModulePackageBuilder("rejson", "2.0.8").WriteTo(Path.Combine(folder.CreateDirectory(), "a.zip"));
        string second = new ModulePackageBuilder("bf", "2.8.2").WriteTo(Path.Combine(folder.CreateDirectory(), "b.zip"));
        Assert.True(File.Exists(first) && File.Exists(second));

        folder.Delete(); // what the process does when it exits
        Assert.False(Directory.Exists(folder.Root));
        folder.Delete(); // already gone: no error
    }

    [Fact]
    public void Opening_deletes_the_folders_of_processes_that_no_longer_run_and_keeps_the_others()
    {
        string running = Directory.CreateDirectory(Path.Combine(_tempPath, $"redis-modules-testing-{Environment.ProcessId}-{StartTime()}")).FullName;
        string reusedId = Directory.CreateDirectory(Path.Combine(_tempPath, $"redis-modules-testing-{Environment.ProcessId}-1000")).FullName;
        string gone = Directory.CreateDirectory(Path.Combine(_tempPath, $"redis-modules-testing-{int.MaxValue}-1000", "0123")).FullName;
        string other = Directory.CreateDirectory(Path.Combine(_tempPath, "redis-modules-testing-not-ours")).FullName;

        TempPackageFolder.Open(_tempPath, Environment.ProcessId, StartTime() + 1);

        Assert.True(Directory.Exists(running));
        Assert.False(Directory.Exists(reusedId)); // the same id, but another process: it started long before this one
        Assert.False(Directory.Exists(Path.GetDirectoryName(gone)));
        Assert.True(Directory.Exists(other));
    }

    private static long StartTime()
    {
        using Process self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
    }
}
