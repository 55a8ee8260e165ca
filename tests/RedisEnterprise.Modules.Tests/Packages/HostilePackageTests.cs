using System.Buffers.Binary;

namespace RedisEnterprise.Modules.Tests.Packages;

/// <summary>Packages built to deceive the checks: each is reported as a problem, never thrown, never inflated past what it declares.</summary>
[Collection(nameof(MeasuresAllocations))]
public class HostilePackageTests
{
    private const int Head = 4096;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] HeadBytes = Pattern(Head, seed: 11);

    /// <summary>A package whose .so declares 4,096 bytes, with their CRC and sha256, while its deflate stream goes on for <paramref name="zeroMebibytes"/> MiB.</summary>
    private static byte[] LyingBomb(int zeroMebibytes)
    {
        byte[] deflate = RawZip.DeflateThatKeepsGoing(HeadBytes, zeroMebibytes);
        return RawZip.From(Valid().Set("sha256", Sha256Hex(HeadBytes)).ToBytes())
            .Replace(ModuleFile, e => e with { Data = deflate, Crc = RawZip.Crc32Of(HeadBytes), UncompressedSize = Head, CompressedSize = (ulong)deflate.Length })
            .ToBytes();
    }

    [Fact]
    public async Task The_bomb_builder_really_inflates_past_what_it_declares()
    {
        byte[] deflate = RawZip.DeflateThatKeepsGoing(HeadBytes, 8);
        using var inflate = new DeflateStream(new MemoryStream(deflate), CompressionMode.Decompress);
        using var output = new MemoryStream();
        await inflate.CopyToAsync(output, Ct);

        Assert.Equal(Head + (8L << 20), output.Length);
        Assert.True(output.GetBuffer().AsSpan(0, Head).SequenceEqual(HeadBytes));
    }

    [Fact]
    public async Task A_lying_zip_bomb_of_4_5_GiB_is_refused_after_reading_a_little_of_it()
    {
        byte[] zip = LyingBomb(zeroMebibytes: 4608); // 4.5 GiB of zeros behind the 4,096 declared bytes
        using var counting = new CountingStream(new MemoryStream(zip, writable: false));

        (ModulePackageValidation validation, long allocated) = await ValidateMeasuringAllocationsAsync(counting);

        TestContext.Current.TestOutputHelper?.WriteLine($"zip of {zip.Length:N0} bytes; validation read {counting.BytesRead:N0} of them and allocated {allocated:N0} bytes");
        AssertCodes(validation, ZipBomb);
        Assert.Equal(ModuleFile, validation.Problems[0].EntryName);
        Assert.True(counting.BytesRead < 1 << 20, $"validation read {counting.BytesRead:N0} of {zip.Length:N0} bytes: it inflated far past the declared size");
        Assert.True(allocated < 4 << 20, $"validation allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task A_lying_bomb_in_a_dependency_archive_is_refused_too()
    {
        byte[] deflate = RawZip.DeflateThatKeepsGoing(HeadBytes, 16);
        byte[] zip = RawZip.From(Valid().ToBytes())
            .Replace(DependencyEntry, e => e with { Data = deflate, Crc = RawZip.Crc32Of(HeadBytes), UncompressedSize = Head, CompressedSize = (ulong)deflate.Length })
            .ToBytes();

        await AssertRefusedAsync(zip, ZipBomb, DependencyEntry);
    }

    [Fact]
    public async Task A_declared_crc_that_does_not_match_is_refused()
    {
        byte[] deflated = RawZip.From(Valid().ToBytes()).Replace(DependencyEntry, e => e with { Crc = e.Crc ^ 1 }).ToBytes();
        byte[] stored = RawZip.From(Valid().ToBytes())
            .Replace(DependencyEntry, _ => RawEntry.Of(DependencyEntry, Pattern(2048, seed: 3), RawZip.Stored) with { Crc = 12345 })
            .ToBytes();

        foreach (byte[] zip in new[] { deflated, stored })
        {
            ModulePackageProblem problem = await AssertRefusedAsync(zip, NotAZip, DependencyEntry);
            Assert.Contains("CRC", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deflate_data_that_ends_before_its_declared_compressed_size_is_refused()
    {
        byte[] zip = RawZip.From(Valid().ToBytes())
            .Replace(ModuleFile, e => e with { Data = [.. e.Data, .. new byte[100]], CompressedSize = e.CompressedSize + 100 })
            .ToBytes();

        await AssertRefusedAsync(zip, NotAZip, ModuleFile);
    }

    [Fact]
    public async Task Deflate_data_that_does_not_end_within_its_declared_compressed_size_is_refused()
    {
        // The declared bytes inflate to exactly the declared size, but the stream has no final block: it goes on past them.
        byte[] unfinished;
        using (var buffer = new MemoryStream())
        {
            var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true);
            deflate.Write(ModuleBytes);
            deflate.Flush();
            unfinished = buffer.ToArray();
        }

        byte[] zip = RawZip.From(Valid().ToBytes())
            .Replace(ModuleFile, e => e with { Data = unfinished, CompressedSize = (ulong)unfinished.Length })
            .ToBytes();

        await AssertRefusedAsync(zip, NotAZip, ModuleFile);
    }

    [Fact]
    public async Task A_module_json_key_that_is_not_utf8_is_reported()
    {
        byte[] json = [.. "{\"module_name\":\"search\",\""u8, 0xFF, 0xFE, .. "\":1}"u8];

        ModulePackageValidation validation = await Valid().WithModuleJson(json).ValidateAsync();

        Assert.Contains(validation.Problems, p => p.Code == ModuleJsonInvalid && p.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"\\uD800\":1}")] // a lone surrogate, escaped, as a key
    [InlineData("{\"module_name\":\"\\uDC00x\"}")] // and as a value
    [InlineData("{\"version\":1e400}")]
    [InlineData("{\"commands\":[{\"command_arity\":99999999999999999999}]}")]
    [InlineData("{\"dependencies\":{\"\\uD800\":{}}}")]
    public async Task Module_json_that_strings_cannot_hold_is_reported(string json)
    {
        ModulePackageValidation validation = await Valid().WithModuleJson(json).ValidateAsync();

        Assert.False(validation.IsValid);
    }

    [Fact]
    public async Task Module_json_nested_past_any_reasonable_depth_is_reported()
    {
        ModulePackageValidation validation = await Valid().WithModuleJson("{\"commands\":" + new string('[', 100_000) + new string(']', 100_000) + "}").ValidateAsync();

        Assert.Contains(validation.Problems, p => p.Code == ModuleJsonInvalid);
    }

    [Fact]
    public async Task A_zip64_size_of_2_to_the_64_minus_1_on_module_json_is_reported()
    {
        byte[] zip = RawZip.From(Valid().ToBytes()).Replace("module.json", e => e with { Zip64 = true, UncompressedSize = ulong.MaxValue }).ToBytes();

        using var stream = new MemoryStream(zip);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);
        ModulePackageValidation validation = await package.ValidateAsync(Ct);

        Assert.Null(package.Metadata);
        Assert.Contains(validation.Problems, p => p.Code == ZipBomb && p.EntryName == "module.json");
    }

    [Fact]
    public async Task A_zip64_package_that_declares_its_sizes_truly_is_valid()
    {
        byte[] zip = RawZip.From(Valid().ToBytes()).Replace("module.json", e => e with { Zip64 = true }).Replace(ModuleFile, e => e with { Zip64 = true }).ToBytes();

        AssertCodes(await ValidateAsync(zip));
    }

    [Fact]
    public async Task An_empty_folder_entry_marked_deflated_with_no_data_is_valid()
    {
        byte[] zip = RawZip.From(Valid().ToBytes()).Add(new RawEntry("deps/"u8.ToArray(), []) { Method = RawZip.Deflated }).ToBytes();

        AssertCodes(await ValidateAsync(zip));
    }

    [Fact]
    public async Task A_so_entry_that_is_a_symbolic_link_is_refused_with_its_own_code()
    {
        byte[] zip = RawZip.From(Valid().ToBytes()).Replace(ModuleFile, e => e with { ExternalAttributes = RawZip.SymbolicLinkMode }).ToBytes();

        await AssertRefusedAsync(zip, EntryIsSymbolicLink, ModuleFile);
    }

    [Fact]
    public async Task A_package_of_1000_entries_with_64_KiB_names_is_refused_without_reading_its_directory()
    {
        byte[] zip = DirectoryOfLongNames(entries: 1000, nameLength: ushort.MaxValue);
        using var stream = new MemoryStream(zip, writable: false);

        (ModulePackageValidation validation, long allocated) = await ValidateMeasuringAllocationsAsync(stream);

        TestContext.Current.TestOutputHelper?.WriteLine($"a {zip.Length:N0}-byte directory; validation allocated {allocated:N0} bytes");
        AssertCodes(validation, ZipBomb);
        Assert.True(allocated < 8 << 20, $"validation allocated {allocated:N0} bytes for a {zip.Length:N0}-byte directory");
    }

    [Fact]
    public async Task An_entry_name_past_the_length_limit_is_unsafe()
    {
        string name = "deps/" + new string('a', 5000) + ".tgz";
        AssertCodes(await Valid().With(name).ValidateAsync(), UnsafeEntryName);
    }

    /// <summary>A zip that is nothing but a directory of <paramref name="entries"/> names of <paramref name="nameLength"/> bytes (no entry data: it is never reached).</summary>
    private static byte[] DirectoryOfLongNames(int entries, int nameLength)
    {
        byte[] zip = new byte[(entries * (46 + nameLength)) + 22];
        Span<byte> at = zip;
        for (int i = 0; i < entries; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(at[28..], (ushort)nameLength);
            Span<byte> name = at.Slice(46, nameLength);
            name.Fill((byte)'a');
            "deps/"u8.CopyTo(name);
            i.TryFormat(name[5..], out _, default, System.Globalization.CultureInfo.InvariantCulture);
            at = at[(46 + nameLength)..];
        }

        BinaryPrimitives.WriteUInt32LittleEndian(at, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(at[8..], (ushort)entries);
        BinaryPrimitives.WriteUInt16LittleEndian(at[10..], (ushort)entries);
        BinaryPrimitives.WriteUInt32LittleEndian(at[12..], (uint)(zip.Length - 22));
        return zip;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        internal long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Validates <paramref name="stream"/> after a warm-up (one-time costs are not the package's); returns the validation and the bytes it allocated.</summary>
    private static async Task<(ModulePackageValidation Validation, long Allocated)> ValidateMeasuringAllocationsAsync(Stream stream)
    {
        AssertCodes(await Valid().ValidateAsync());
        long before = GC.GetTotalAllocatedBytes(precise: true);
        ModulePackageValidation validation = await ModulePackage.ValidateStreamAsync(stream, FileName, Ct);
        return (validation, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
