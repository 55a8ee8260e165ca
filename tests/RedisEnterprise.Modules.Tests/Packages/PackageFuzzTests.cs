using System.Buffers.Binary;

namespace RedisEnterprise.Modules.Tests.Packages;

/// <summary>
/// Seeded mutations of real packages (built by <see cref="TestPackages"/>, and made by Python's zipfile and Info-ZIP): whatever the bytes, validation gives a result (or throws its own
/// <see cref="ModulePackageValidationException"/>), never any other exception, within bounded time and memory.
/// </summary>
[Collection(nameof(MeasuresAllocations))]
public class PackageFuzzTests
{
    private const int Cases = 3000;
    private const long MaxAllocatedPerCase = 16 << 20;
    private static readonly TimeSpan MaxTimePerCase = TimeSpan.FromSeconds(10);

    private static readonly byte[] SmallModule = Pattern(3000, seed: 21);

    // Tokens that tend to break parsers, inserted whole (a dictionary, as fuzzers call it).
    private static readonly byte[][] Tokens =
    [
        .. new[] { "\\uD800", "\\uDC00", "\\u0000", "1e400", "-0", "99999999999999999999", "null", "[", "]", "{", "}", "\"", ",", ":", "\\" }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0x50, 0x4B, 0x05, 0x06],
    ];

    [Fact]
    public async Task Mutated_packages_give_a_result_never_another_exception()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("PACKAGE_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 20261201;
        var random = new Random(seed);
        byte[][] zips =
        [
            .. Bases().Select(p => p.ToBytes()),
            RawZip.From(Base().ToBytes()).Replace("module.json", e => e with { Zip64 = true }).ToBytes(),
            .. new[] { "python-data-descriptors.zip", "infozip-zip64.zip" }.Select(name => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "packages", name))),
        ];
        byte[] json = Encoding.UTF8.GetBytes(Base().Metadata.ToJsonString());
        var failures = new List<string>();
        int valid = 0;
        long mostAllocated = 0;

        for (int i = 0; i < Cases; i++)
        {
            // Two in three mutate the zip's bytes; one in three mutates module.json's bytes and zips them properly.
            string family = i % 3 == 2 ? "module.json" : "zip";
            byte[] package = family == "zip"
                ? Mutate(zips[random.Next(zips.Length)], random)
                : Base().WithModuleJson(Mutate(json, random)).ToBytes();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(MaxTimePerCase);
            long before = GC.GetTotalAllocatedBytes(precise: false);
            try
            {
                using var stream = new MemoryStream(package, writable: false);
                ModulePackageValidation validation = await ModulePackage.ValidateStreamAsync(stream, FileName, timeout.Token);
                if (validation.IsValid) valid++;
            }
            catch (ModulePackageValidationException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"case {i} ({family}, seed {seed}): {e.GetType().Name}: {e.Message}");
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
            mostAllocated = Math.Max(mostAllocated, allocated);
            if (allocated > MaxAllocatedPerCase) failures.Add($"case {i} ({family}, seed {seed}): allocated {allocated:N0} bytes");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Cases} mutated packages (seed {seed}): {valid} still valid, {Cases - valid - failures.Count} refused, {failures.Count} failures; at most {mostAllocated:N0} bytes allocated by one");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static TestPackages Base() =>
        Valid().Without(ModuleFile).With(ModuleFile, SmallModule).Set("sha256", Sha256Hex(SmallModule));

    private static IEnumerable<TestPackages> Bases()
    {
        yield return Base();
        yield return Base().Without(ModuleFile).With(ModuleFile, SmallModule, CompressionLevel.NoCompression);
        yield return Base().Without(DependencyEntry);
    }

    /// <summary>One to four edits: bit flips, boundary values (often over a zip header's fields), cuts, insertions (of random bytes or of tokens), deletions, copies.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)(random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 });
                    break;
                case 2:
                    at = HeaderField(original, random) ?? at;
                    uint value = random.Next(4) switch { 0 => uint.MaxValue, 1 => 0, 2 => (uint)random.Next(1 << 16), _ => (uint)random.Next() };
                    for (int b = 0; b < 4 && at + b < bytes.Count; b++) bytes[at + b] = (byte)(value >> (8 * b));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    byte[] insert = new byte[random.Next(1, 64)];
                    random.NextBytes(insert);
                    bytes.InsertRange(at, insert);
                    break;
                case 5:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 256), bytes.Count - at));
                    break;
                case 6:
                    int from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(random.Next(1, 512), bytes.Count - from)));
                    break;
                case 7:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                default:
                    bytes[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A position inside a local, central or end-of-directory header, where a size, offset or count lives.</summary>
    private static int? HeaderField(byte[] zip, Random random)
    {
        var headers = new List<int>();
        for (int at = 0; at + 4 <= zip.Length; at++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at));
            if (signature is 0x04034b50 or 0x02014b50 or 0x06054b50) headers.Add(at);
        }

        return headers.Count == 0 ? null : headers[random.Next(headers.Count)] + random.Next(4, 46);
    }
}
