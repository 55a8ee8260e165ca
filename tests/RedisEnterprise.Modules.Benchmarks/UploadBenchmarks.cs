using BenchmarkDotNet.Attributes;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// Streaming a generated file as the multipart <c>module</c> part of <c>POST /v2/modules</c> to a loopback sink that
/// discards it: the SDK (no package validation) against <see cref="MultipartFormDataContent"/> + <see cref="StreamContent"/>.
/// </summary>
[ShortRunJob]
public class UploadBenchmarks : CallBenchmarkBase
{
    private DirectoryInfo _folder = null!;
    private string _path = null!;

    [ParamsSource(nameof(Sizes))]
    public FileSize Size { get; set; } = null!;

    public static IEnumerable<FileSize> Sizes => FileSize.Of([FileSize.MiB, 100 * FileSize.MiB], FileSize.GiB);

    [GlobalSetup]
    public void Setup()
    {
        _folder = TestFiles.CreateFolder();
        _path = Path.Combine(_folder.FullName, "bench.Linux-ubuntu18.04-x86_64.1.0.0.zip");
        TestFiles.WriteBinary(_path, Size.Bytes);
        StartCluster();

        long before = Cluster.UploadedBytes;
        Sdk.StartUploadModuleAsync(_path, BenchmarkCluster.NoValidation).GetAwaiter().GetResult();
        long sdkBody = Cluster.UploadedBytes - before;
        Baseline.UploadModuleAsync(_path).GetAwaiter().GetResult();
        long baselineBody = Cluster.UploadedBytes - before - sdkBody;
        Check(sdkBody > Size.Bytes && sdkBody < Size.Bytes + 1024, "the SDK's body carries the file");
        Check(baselineBody > Size.Bytes && baselineBody < Size.Bytes + 1024, "the baseline's body carries the file");
    }

    public override void Cleanup()
    {
        base.Cleanup();
        _folder.Delete(recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task HttpClient() => Baseline.UploadModuleAsync(_path);

    /// <summary>The same with <c>Expect: 100-continue</c>, which the SDK sends: one more round trip before the body.</summary>
    [Benchmark]
    public Task HttpClientExpect100() => Baseline.UploadModuleAsync(_path, expectContinue: true);

    [Benchmark]
    public Task SDK() => Sdk.StartUploadModuleAsync(_path, BenchmarkCluster.NoValidation);
}
