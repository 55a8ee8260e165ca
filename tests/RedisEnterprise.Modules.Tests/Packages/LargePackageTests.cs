using System.Diagnostics;

namespace RedisEnterprise.Modules.Tests.Packages;

[Collection(nameof(Infrastructure.MeasuresAllocations))]
public class LargePackageTests
{
    private const int ChunkSize = 1 << 20;
    private const int ChunkCount = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_300_MB_module_is_hashed_from_the_zip_in_constant_memory()
    {
        string path = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}.zip");
        try
        {
            string expected = await WriteLargePackageAsync(path);
            ModulePackage package = await ModulePackage.OpenAsync(path, Ct);
            Assert.Equal((long)ChunkSize * ChunkCount, new FileInfo(path).Length, tolerance: 1 << 16);

            // Warm up the code paths on a small package so one-time costs (JIT, pools) are not counted.
            TestPackages.AssertCodes(await TestPackages.Valid().ValidateAsync());

            long before = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            ModulePackageValidation validation = await package.ValidateAsync(Ct);
            stopwatch.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Hashed {ChunkSize * (long)ChunkCount >> 20} MiB in {stopwatch.ElapsedMilliseconds} ms, allocating {allocated} bytes."));
            TestPackages.AssertCodes(validation);
            Assert.Equal(expected, package.Metadata?.Sha256);
            Assert.True(allocated < 16 << 20, $"Validating allocated {allocated} bytes; hashing must stream, not buffer.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_300_MB_module_with_the_wrong_sha256_is_caught()
    {
        string path = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}.zip");
        try
        {
            string actual = await WriteLargePackageAsync(path, declaredSha256: new string('0', 64));

            ModulePackageValidation validation = await ModulePackage.ValidateFileAsync(path, Ct);

            TestPackages.AssertCodes(validation, ModulePackageProblemCodes.ModuleSha256Mismatch);
            Assert.Contains(actual, validation.Problems[0].Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes a package whose .so is 300 MiB of stored (uncompressed) pseudo-random bytes, in chunks; returns the .so's SHA-256.</summary>
    private static async Task<string> WriteLargePackageAsync(string path, string? declaredSha256 = null)
    {
        byte[] chunk = TestPackages.Pattern(ChunkSize, seed: 11);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
        await using (Stream module = zip.CreateEntry(TestPackages.ModuleFile, CompressionLevel.NoCompression).Open())
        {
            for (int i = 0; i < ChunkCount; i++)
            {
                BitConverter.TryWriteBytes(chunk, i); // no two chunks alike
                hash.AppendData(chunk);
                await module.WriteAsync(chunk, Ct);
            }
        }

        string sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        JsonObject metadata = TestPackages.Valid().Metadata;
        metadata["sha256"] = declaredSha256 ?? sha256;
        metadata.Remove("dependencies");
        await using (Stream json = zip.CreateEntry("module.json").Open())
        {
            await json.WriteAsync(Encoding.UTF8.GetBytes(metadata.ToJsonString()), Ct);
        }

        return sha256;
    }
}
