using RedisEnterprise.Modules.TestSupport;

namespace RedisEnterprise.Modules.Tests.Upload;

[Collection(nameof(MeasuresAllocations))]
public sealed class UploadMemoryTests
{
    [Fact]
    public async Task Uploading_a_large_file_keeps_managed_memory_flat()
    {
        const int size = 256 * 1024 * 1024;
        DirectoryInfo folder = Directory.CreateTempSubdirectory("upload-large");
        string path = Path.Combine(folder.FullName, "large.zip");
        try
        {
            using (var file = File.Create(path)) file.SetLength(size);
            using var sink = LoopbackCluster.Start();
            using var cluster = MockCluster.Start();
            using var client = cluster.CreateClient(o => o.Endpoint = sink.Endpoint);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            await client.StartUploadModuleAsync(path, new UploadModuleOptions { Validate = false });
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.Equal(size, sink.LastUploadFileBytes);
            Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes to upload {size:N0}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Uploading_512_MiB_keeps_the_process_peak_memory_flat()
    {
        Assert.SkipUnless(PeakMemory.CanReset, "needs Linux's /proc/self/clear_refs to reset the process's peak resident set");

        // The bound is 64 MiB above idle for a 1 GiB upload; proportionally 32 MiB here. An upload that held the
        // file, or any share of it that grows with the size, would add hundreds of MiB.
        const long size = 512L * 1024 * 1024;
        const long bound = 32L * 1024 * 1024;
        DirectoryInfo folder = Directory.CreateTempSubdirectory("upload-peak");
        string path = Path.Combine(folder.FullName, "large.zip");
        string warmUp = Path.Combine(folder.FullName, "small", "large.zip");
        try
        {
            using (var file = File.Create(path)) file.SetLength(size); // sparse: no disk space, reads as zeros
            Directory.CreateDirectory(Path.GetDirectoryName(warmUp)!);
            using (var file = File.Create(warmUp)) file.SetLength(1024 * 1024);
            using var sink = LoopbackCluster.Start();
            using var cluster = MockCluster.Start();
            using var client = cluster.CreateClient(o => o.Endpoint = sink.Endpoint);
            var noValidation = new UploadModuleOptions { Validate = false };

            // One small upload first, so code loading, JIT and the connection are idle memory, not the upload's.
            await client.StartUploadModuleAsync(warmUp, noValidation);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            long idle = PeakMemory.Reset();
            await client.StartUploadModuleAsync(path, noValidation);
            long growth = PeakMemory.Read() - idle;

            Assert.Equal(size, sink.LastUploadFileBytes);
            TestContext.Current.TestOutputHelper?.WriteLine($"peak resident set grew by {growth:N0} bytes over {idle:N0} to upload {size:N0}");
            Assert.True(growth < bound, $"the peak resident set grew by {growth:N0} bytes (over {idle:N0} at rest) to upload {size:N0}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
