using RedisEnterprise.Modules.Tests.Infrastructure;

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
            using var sink = await DiscardingServer.StartAsync();
            using var cluster = MockCluster.Start();
            using var client = cluster.CreateClient(o => o.Endpoint = sink.Endpoint);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            await client.StartUploadModuleAsync(path, new UploadModuleOptions { Validate = false });
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.Equal(size, sink.LastBodyFileBytes);
            Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes to upload {size:N0}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
