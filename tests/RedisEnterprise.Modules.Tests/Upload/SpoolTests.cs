using System.Diagnostics;
using System.Runtime.Versioning;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Upload;

/// <summary>The temporary copy of a stream that cannot seek: private to its owner, and not left behind by a process that died.</summary>
[Collection(nameof(SpoolTests))]
public sealed class SpoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Content = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 251)).ToArray();

    private static long StartSeconds(Process process) => new DateTimeOffset(process.StartTime).ToUnixTimeSeconds();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_spool_copy_is_readable_and_writable_by_its_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes; on Windows the temp folder is the user's own");

        ModuleFilePart part = await ModuleFilePart.OpenAsync(new NonSeekableStream(Content), "m.zip", null, Ct);
        string path = ((FileStream)part.Value).Name;
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            var copy = new MemoryStream();
            await part.Value.CopyToAsync(copy, Ct);
            Assert.Equal(Content, copy.ToArray());
        }
        finally
        {
            await part.ReleaseAsync();
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Spool_folders_of_processes_that_are_gone_are_removed_by_the_next_spool()
    {
        using Process self = Process.GetCurrentProcess();
        string temp = Path.GetTempPath();
        // The pid of a process that has exited, and this process's pid with another start time (a pid reused since).
        using Process exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync(Ct);
        string[] stale =
        [
            Path.Combine(temp, $"redis-module-spool-{exited.Id}-{StartSeconds(self)}"),
            Path.Combine(temp, $"redis-module-spool-{self.Id}-{StartSeconds(self) - 86_400}"),
        ];
        string unrelated = Path.Combine(temp, $"redis-module-spool-notes-{Guid.NewGuid():N}");
        foreach (string folder in stale.Append(unrelated))
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "left-behind.zip"), Content, Ct);
        }

        try
        {
            ModuleFilePart part = await ModuleFilePart.OpenAsync(new NonSeekableStream(Content), "m.zip", null, Ct);
            string own = Path.GetDirectoryName(((FileStream)part.Value).Name)!;
            await part.ReleaseAsync();

            Assert.All(stale, folder => Assert.False(Directory.Exists(folder), $"{folder} was left behind"));
            Assert.True(Directory.Exists(unrelated), "a folder whose name does not say its process was removed");
            Assert.Equal($"redis-module-spool-{self.Id}-", Path.GetFileName(own)[..^StartSeconds(self).ToString(System.Globalization.CultureInfo.InvariantCulture).Length]);
        }
        finally
        {
            foreach (string folder in stale.Append(unrelated).Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        }
    }
}
