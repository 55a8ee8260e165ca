namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>Alone in its collection: it counts the bytes the whole process allocates, which parallel tests would add to.</summary>
[CollectionDefinition(nameof(LargeUploadTests), DisableParallelization = true)]
[Collection(nameof(LargeUploadTests))]
public class LargeUploadTests
{
    [Fact]
    public async Task A_package_larger_than_Kestrels_default_body_limit_is_streamed_to_disk_not_held_in_memory()
    {
        const int PayloadSize = 40 * 1024 * 1024; // above Kestrel's default 30 MB request body limit; random, so the zip is as large
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = TestSupport.Legacy72, SeedBundledModules = false });
        using HttpClient admin = AdminFor(cluster);
        string path = new ModulePackageBuilder("big", "1.0.0").WithPayload(RandomNumberGenerator.GetBytes(PayloadSize)).WriteToTempFile();
        try
        {
            await GetJsonAsync(admin, "/v1/modules"); // the connection is set up outside the measurement

            long before = GC.GetTotalAllocatedBytes(precise: true);
            await using (FileStream file = File.OpenRead(path))
            {
                using var part = new StreamContent(file);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
                using var form = new MultipartFormDataContent { { part, "module", Path.GetFileName(path) } };
                using HttpResponseMessage response = await admin.PostAsync("/v1/modules", form, Ct);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.True(allocated < PayloadSize / 4, $"the upload allocated {allocated:N0} bytes for a {PayloadSize:N0}-byte package");
            Assert.True(Assert.Single(cluster.Requests, r => r.Method == "POST").BodyLength > PayloadSize);
            Assert.Equal("big", Assert.Single(cluster.Modules).ModuleName);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
