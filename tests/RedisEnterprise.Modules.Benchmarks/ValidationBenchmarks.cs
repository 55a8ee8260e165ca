using System.Diagnostics;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// Package validation, which hashes the <c>.so</c> straight out of the zip, against <c>sha256sum</c> of the same <c>.so</c>
/// bytes as a file. Stored is the like-for-like case (the same bytes read and hashed); Deflated adds the inflation a
/// compressed entry needs, which <c>sha256sum</c> of the plain file does not do.
/// </summary>
[ShortRunJob]
public class ValidationBenchmarks
{
    private DirectoryInfo _folder = null!;
    private string _so = null!;
    private string _zip = null!;
    private string _sha256 = null!;

    [ParamsSource(nameof(Sizes))]
    public FileSize Size { get; set; } = null!;

    [Params(CompressionLevel.NoCompression, CompressionLevel.Fastest)]
    public CompressionLevel Entry { get; set; }

    public static IEnumerable<FileSize> Sizes => FileSize.Of([100 * FileSize.MiB], FileSize.GiB);

    [GlobalSetup]
    public void Setup()
    {
        _folder = TestFiles.CreateFolder();
        _so = Path.Combine(_folder.FullName, "bench.so");
        _zip = Path.Combine(_folder.FullName, "bench.Linux-ubuntu18.04-x86_64.1.0.0.zip");
        _sha256 = TestFiles.WriteBinary(_so, Size.Bytes);
        TestFiles.WritePackage(_zip, _so, _sha256, Entry);
        if (Sha256sum() != _sha256) throw new InvalidOperationException("sha256sum disagrees with the generated file's hash");
        ModulePackageValidation validation = ModulePackage.ValidateFileAsync(_zip).GetAwaiter().GetResult();
        if (!validation.IsValid) throw new InvalidOperationException($"the generated package is not valid: {validation}");
    }

    [GlobalCleanup]
    public void DeleteFiles() => _folder.Delete(recursive: true);

    [Benchmark(Baseline = true)]
    public string Sha256sum()
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", _so) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output[..64];
    }

    [Benchmark]
    public async Task<bool> SdkValidate() => (await ModulePackage.ValidateFileAsync(_zip)).IsValid;
}
