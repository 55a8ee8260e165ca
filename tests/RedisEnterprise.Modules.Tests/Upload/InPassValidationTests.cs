using RedisEnterprise.Modules.Tests.Packages;
using RedisEnterprise.Modules.TestSupport;

namespace RedisEnterprise.Modules.Tests.Upload;

/// <summary>The package's data is checked from the bytes as they are sent, and a package that fails never arrives whole.</summary>
[Collection(nameof(MeasuresAllocations))]
public sealed class InPassValidationTests : IDisposable
{
    private const string WrongSha256 = "0000000000000000000000000000000000000000000000000000000000000000";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("in-pass");
    private readonly LoopbackCluster _sink = LoopbackCluster.Start();
    private readonly MockCluster _cluster = MockCluster.Start();
    private int _uploadsReceivedWhole;

    public InPassValidationTests() => _sink.OnUpload = _ => Interlocked.Increment(ref _uploadsReceivedWhole);

    public void Dispose()
    {
        _sink.Dispose();
        _cluster.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>A package with a .so of <paramref name="size"/> bytes (not compressible), stored or deflated, whose module.json states <paramref name="sha256"/> (its own when null).</summary>
    private string Package(int size, CompressionLevel level, string? sha256 = null)
    {
        byte[] so = new byte[size];
        new Random(5).NextBytes(so);
        var package = TestPackages.Valid().Without(TestPackages.ModuleFile).With(TestPackages.ModuleFile, so, level).Set("sha256", sha256 ?? TestPackages.Sha256Hex(so));
        string path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, package.ToBytes());
        return path;
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Fastest)]
    public async Task A_so_that_does_not_match_its_sha256_is_refused_before_the_body_completes(CompressionLevel level)
    {
        string path = Package(2 * 1024 * 1024, level, WrongSha256);
        using var client = _cluster.CreateClient(o => o.Endpoint = _sink.Endpoint);

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.StartUploadModuleAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        ModulePackageProblem problem = Assert.Single(error.Validation.Problems);
        Assert.Equal((ModulePackageProblemCodes.ModuleSha256Mismatch, TestPackages.ModuleFile), (problem.Code, problem.EntryName));
        Assert.Equal(0, Volatile.Read(ref _uploadsReceivedWhole));
        Assert.InRange(await BytesReceivedAsync(), 1, new FileInfo(path).Length - 1); // checked as it was sent, not before
    }

    /// <summary>The upload bytes the sink has read, once it has read some (bounded): the client may give up before the sink reads what was sent.</summary>
    private async Task<long> BytesReceivedAsync()
    {
        await _sink.UploadBytesArrived.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return _sink.UploadedBytes;
    }

    [Fact]
    public async Task A_refusal_matches_what_the_standalone_validation_reports()
    {
        string path = Package(512 * 1024, CompressionLevel.Fastest, WrongSha256);
        using var client = _cluster.CreateClient(o => o.Endpoint = _sink.Endpoint);

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.StartUploadModuleAsync(path, cancellationToken: TestContext.Current.CancellationToken));
        ModulePackageValidation standalone = await ModulePackage.ValidateFileAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(standalone.ToString(), error.Validation.ToString());
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Fastest)]
    public async Task A_valid_package_is_sent_whole_once_with_validation_on_and_memory_stays_flat(CompressionLevel level)
    {
        string path = Package(64 * 1024 * 1024, level);
        using var client = _cluster.CreateClient(o => o.Endpoint = _sink.Endpoint);
        await client.StartUploadModuleAsync(Package(64 * 1024, level), cancellationToken: TestContext.Current.CancellationToken); // warm up

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await client.StartUploadModuleAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(new FileInfo(path).Length, _sink.LastUploadFileBytes);
        Assert.Equal(2, Volatile.Read(ref _uploadsReceivedWhole));
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes to check and upload {new FileInfo(path).Length:N0}");
    }
}
