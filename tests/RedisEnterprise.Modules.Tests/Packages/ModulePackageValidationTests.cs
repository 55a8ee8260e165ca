namespace RedisEnterprise.Modules.Tests.Packages;

public class ModulePackageValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bytes_that_are_not_a_zip_open_with_no_metadata_and_fail_as_not_a_zip()
    {
        foreach (byte[] content in new[] { [], Encoding.UTF8.GetBytes("{\"module_name\": \"search\"}"), Pattern(100_000, seed: 1) })
        {
            using var stream = new MemoryStream(content);
            ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

            Assert.Null(package.Metadata);
            Assert.Null(package.ModuleFileName);
            AssertCodes(await package.ValidateAsync(Ct), NotAZip);
        }
    }

    [Fact]
    public async Task Truncated_zip_file_fails_as_not_a_zip_without_throwing()
    {
        byte[] zip = Valid().ToBytes();
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(path, zip.AsMemory(0, zip.Length / 2).ToArray(), Ct);

            ModulePackage package = await ModulePackage.OpenAsync(path, Ct);
            Assert.Null(package.Metadata);
            AssertCodes(await package.ValidateAsync(Ct), NotAZip);
            AssertCodes(await ModulePackage.ValidateFileAsync(path, Ct), NotAZip);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Zip_missing_its_last_bytes_fails_as_not_a_zip()
    {
        byte[] zip = Valid().ToBytes();
        AssertCodes(await ValidateAsync(zip[..^10]), NotAZip);
    }

    [Fact]
    public async Task Corrupt_entry_is_reported_with_its_name_while_module_json_still_reads()
    {
        byte[] zip = Valid().ToBytes();
        CorruptLocalHeader(zip, ModuleFile);

        using var stream = new MemoryStream(zip);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);
        Assert.Equal("search", package.Metadata?.ModuleName);

        ModulePackageValidation validation = await package.ValidateAsync(Ct);
        AssertCodes(validation, NotAZip);
        Assert.Equal(ModuleFile, validation.Problems[0].EntryName);
    }

    [Fact]
    public async Task Damaged_module_bytes_fail_the_crc_check()
    {
        byte[] zip = Valid().Without(ModuleFile).With(ModuleFile, ModuleBytes, CompressionLevel.NoCompression).ToBytes();
        int at = zip.AsSpan().IndexOf(ModuleBytes.AsSpan(0, 64));
        zip[at + 1000] ^= 0xFF;

        ModulePackageProblem problem = await AssertRefusedAsync(zip, NotAZip, ModuleFile);
        Assert.Contains("CRC-32", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_module_bytes_with_a_matching_crc_fail_the_sha256_check()
    {
        byte[] damaged = (byte[])ModuleBytes.Clone();
        damaged[1000] ^= 0xFF;
        byte[] zip = RawZip.From(Valid().ToBytes()).Replace(ModuleFile, _ => RawEntry.Of(ModuleFile, damaged, RawZip.Stored)).ToBytes();

        await AssertRefusedAsync(zip, ModuleSha256Mismatch, ModuleFile);
    }

    [Fact]
    public async Task Missing_module_json()
    {
        using MemoryStream stream = Valid().Without("module.json").ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Null(package.Metadata);
        Assert.Equal(ModuleFile, package.ModuleFileName);
        AssertCodes(await package.ValidateAsync(Ct), ModuleJsonMissing);
    }

    [Fact]
    public async Task Module_json_in_a_folder_is_not_module_json()
    {
        AssertCodes(await Valid().Without("module.json").With("pkg/module.json", Encoding.UTF8.GetBytes("{}")).ValidateAsync(), ModuleJsonMissing, InvalidNumberOfFiles);
    }

    [Theory]
    [InlineData("{\"module_name\": \"search\"")]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("\"module\"")]
    [InlineData("")]
    public async Task Module_json_that_is_not_a_json_object(string raw)
    {
        using MemoryStream stream = Valid().WithModuleJson(raw).ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Null(package.Metadata);
        AssertCodes(await package.ValidateAsync(Ct), ModuleJsonInvalid);
    }

    [Fact]
    public async Task Wrongly_typed_keys_are_each_reported_and_the_rest_still_reads()
    {
        using MemoryStream stream = Valid()
            .Set("module_name", new JsonObject())
            .Set("commands", "FT.SEARCH")
            .Set("capabilities", new JsonArray(1, 2))
            .Set("ramp_format_version", 1.5)
            .Set("bigstore_version_2_support", "maybe")
            .ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        ModulePackageMetadata metadata = Assert.IsType<ModulePackageMetadata>(package.Metadata);
        Assert.Null(metadata.ModuleName);
        Assert.Null(metadata.Commands);
        Assert.Null(metadata.Capabilities);
        Assert.Null(metadata.RampFormatVersion);
        Assert.Equal(20807L, metadata.Version);
        Assert.Equal("x86_64", metadata.Architecture);

        ModulePackageValidation validation = await package.ValidateAsync(Ct);
        AssertCodes(validation, ModuleJsonInvalid, ModuleJsonInvalid, ModuleJsonInvalid, ModuleJsonInvalid, ModuleJsonInvalid);
        foreach (string key in new[] { "module_name", "commands", "capabilities", "ramp_format_version", "bigstore_version_2_support" })
        {
            Assert.Contains(validation.Problems, p => p.Message.Contains($"'{key}'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Nested_wrong_type_in_commands_is_reported()
    {
        JsonObject command = new() { ["command_name"] = "FT.SEARCH", ["command_arity"] = "two" };
        AssertCodes(await Valid().Set("commands", new JsonArray(command)).ValidateAsync(), ModuleJsonInvalid);
    }

    [Fact]
    public async Task Repeated_key_is_reported()
    {
        string raw = Valid().Metadata.ToJsonString().Replace("\"module_name\":\"search\"", "\"module_name\":\"search\",\"module_name\":\"evil\"", StringComparison.Ordinal);
        AssertCodes(await Valid().WithModuleJson(raw).ValidateAsync(), ModuleJsonInvalid);
    }

    [Fact]
    public async Task Oversized_module_json_is_not_read()
    {
        ModulePackageValidation validation = await Valid().Set("description", new string('x', 1_200_000)).ValidateAsync();

        AssertCodes(validation, ModuleJsonInvalid);
        Assert.Equal("module.json", validation.Problems[0].EntryName);
    }

    [Fact]
    public async Task Every_unexpected_entry_is_reported_by_name()
    {
        ModulePackageValidation validation = await Valid()
            .With("README.md")
            .With("other.so")
            .With("lib/")
            .With("deps/nested/openssl.tgz")
            .With("deps/openssl.zip")
            .With("deps/")
            .ValidateAsync();

        AssertCodes(validation, InvalidNumberOfFiles, InvalidNumberOfFiles, InvalidNumberOfFiles, InvalidNumberOfFiles, InvalidNumberOfFiles);
        Assert.Equal(
            ["README.md", "deps/nested/openssl.tgz", "deps/openssl.zip", "lib/", "other.so"],
            validation.Problems.Select(p => p.EntryName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_so_that_module_file_names_is_kept_and_the_other_is_reported()
    {
        using MemoryStream stream = Valid().Without(ModuleFile).With("aaa.so").With(ModuleFile, ModuleBytes).ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Equal(ModuleFile, package.ModuleFileName);
        ModulePackageValidation validation = await package.ValidateAsync(Ct);
        AssertCodes(validation, InvalidNumberOfFiles);
        Assert.Equal("aaa.so", validation.Problems[0].EntryName);
    }

    [Fact]
    public async Task Repeated_entry_is_reported()
    {
        AssertCodes(await Valid().With(DependencyEntry).ValidateAsync(), InvalidNumberOfFiles);
        AssertCodes(await Valid().WithModuleJson("{}").With("module.json", Encoding.UTF8.GetBytes("{}")).ValidateAsync(),
            InvalidNumberOfFiles, ModuleNameMissing, ModuleFileMissing, ModuleVersionMissing);
    }

    [Fact]
    public async Task Missing_module_name()
    {
        AssertCodes(await Valid().Remove("module_name").ValidateAsync(), ModuleNameMissing);
        AssertCodes(await Valid().Set("module_name", " ").ValidateAsync(), ModuleNameMissing);
    }

    [Fact]
    public async Task Missing_module_file_key_still_hashes_the_only_so()
    {
        using MemoryStream stream = Valid().Remove("module_file").ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Equal(ModuleFile, package.ModuleFileName);
        AssertCodes(await package.ValidateAsync(Ct), ModuleFileMissing);
        AssertCodes(await Valid().Remove("module_file").Set("sha256", new string('0', 64)).ValidateAsync(), ModuleFileMissing, ModuleSha256Mismatch);
    }

    [Fact]
    public async Task Module_file_that_names_no_entry()
    {
        ModulePackageValidation validation = await Valid().Set("module_file", "other.so").ValidateAsync();

        AssertCodes(validation, ModuleFileMissing);
        Assert.Equal("other.so", validation.Problems[0].EntryName);
        AssertCodes(await Valid().Without(ModuleFile).ValidateAsync(), ModuleFileMissing);
        AssertCodes(await Valid().Set("module_file", "module.json").ValidateAsync(), ModuleFileMissing);
    }

    [Fact]
    public async Task Missing_version()
    {
        AssertCodes(await Valid().Remove("version").ValidateAsync(), ModuleVersionMissing);
        AssertCodes(await Valid().Set("version", null).ValidateAsync(), ModuleVersionMissing);
        AssertCodes(await Valid().Set("version", "").ValidateAsync(), ModuleVersionMissing);
    }

    [Theory]
    [InlineData("20807.5")]
    [InlineData("\"2.8.7\"")]
    [InlineData("\"abc\"")]
    [InlineData("true")]
    [InlineData("[20807]")]
    [InlineData("1e300")]
    public async Task Version_that_is_not_an_integer(string json)
    {
        using MemoryStream stream = Valid().Set("version", JsonNode.Parse(json)).ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Null(package.Metadata?.Version);
        Assert.Equal("search", package.Metadata?.ModuleName);
        AssertCodes(await package.ValidateAsync(Ct), ModuleVersionNotInteger);
    }

    [Fact]
    public async Task Unsupported_architecture()
    {
        AssertCodes(await Valid().Set("architecture", "i386").ValidateAsync(), ModuleArchitectureNotSupported);
        AssertCodes(await Valid().Set("architecture", "X86_64").ValidateAsync(), ModuleArchitectureNotSupported);
        AssertCodes(await Valid().Set("architecture", "").ValidateAsync(), ModuleArchitectureNotSupported);
    }

    [Fact]
    public async Task Invalid_operating_system_lists()
    {
        AssertCodes(await Valid().Set("os_list", new JsonArray("ubuntu18.04", "", "rhel", "18.04")).ValidateAsync(), ModuleOsListInvalid, ModuleOsListInvalid, ModuleOsListInvalid);
        AssertCodes(await Valid().Set("operating_systems", "rhel9").ValidateAsync(), ModuleOsListInvalid);
        AssertCodes(await Valid().Set("operating_systems", new JsonArray("rhel9", 9)).ValidateAsync(), ModuleOsListInvalid);
        AssertCodes(await Valid().Set("os_list", new JsonObject()).Set("operating_systems", new JsonArray(" ")).ValidateAsync(), ModuleOsListInvalid, ModuleOsListInvalid);
    }

    [Fact]
    public async Task Sha256_that_does_not_match_the_so()
    {
        ModulePackageValidation validation = await Valid().Set("sha256", Sha256Hex([1, 2, 3])).ValidateAsync();

        AssertCodes(validation, ModuleSha256Mismatch);
        Assert.Equal(ModuleFile, validation.Problems[0].EntryName);
        Assert.Contains(ModuleSha256, validation.Problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public async Task Sha256_that_is_not_64_hex_characters(string sha256)
    {
        AssertCodes(await Valid().Set("sha256", sha256).ValidateAsync(), ModuleSha256Invalid);
    }

    [Fact]
    public async Task Each_incomplete_dependency_is_reported()
    {
        ModulePackageValidation validation = await Valid().Set("dependencies", new JsonObject
        {
            ["no_sha"] = new JsonObject { ["url"] = "https://example.com/a.tgz" },
            ["no_url"] = new JsonObject { ["sha256"] = DependencySha256 },
            ["not_an_object"] = "https://example.com/c.tgz",
            ["blank"] = new JsonObject { ["url"] = " ", ["sha256"] = "zz" },
            ["fine"] = new JsonObject { ["url"] = "https://example.com/e.tgz", ["sha256"] = DependencySha256 },
        }).ValidateAsync();

        AssertCodes(validation, DependencyInvalid, DependencyInvalid, DependencyInvalid, DependencyInvalid);
        foreach (string name in new[] { "no_sha", "no_url", "not_an_object", "blank" })
        {
            Assert.Single(validation.Problems, p => p.Message.Contains($"'{name}'", StringComparison.Ordinal));
        }

        AssertCodes(await Valid().Set("dependencies", "openssl").ValidateAsync(), ModuleJsonInvalid);
    }

    [Fact]
    public async Task Unsafe_entry_names_are_reported_and_never_read()
    {
        string[] unsafeNames = ["../evil.so", "/etc/cron.d/evil", "deps\\evil.tgz", "C:/evil.so", "c:evil.so", "deps/../../evil.tgz", "a/./../../evil"];
        TestPackages package = Valid();
        foreach (string name in unsafeNames) package.With(name);

        ModulePackageValidation validation = await package.ValidateAsync();

        AssertCodes(validation, unsafeNames.Select(_ => UnsafeEntryName).ToArray());
        Assert.Equal(unsafeNames.Order(StringComparer.Ordinal), validation.Problems.Select(p => p.EntryName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unsafe_module_json_is_not_used()
    {
        byte[] zip = Valid().Without("module.json").With("./../module.json", Encoding.UTF8.GetBytes(Valid().Metadata.ToJsonString())).ToBytes();
        AssertCodes(await ValidateAsync(zip), UnsafeEntryName, ModuleJsonMissing);
    }

    [Fact]
    public async Task More_than_1000_entries_is_a_zip_bomb_and_nothing_else_is_read()
    {
        TestPackages package = Valid();
        for (int i = 0; i < 1000; i++) package.With($"deps/dep{i}.tgz", []);

        using MemoryStream stream = package.ToStream();
        ModulePackage opened = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Null(opened.Metadata);
        AssertCodes(await opened.ValidateAsync(Ct), ZipBomb);
    }

    [Fact]
    public async Task Declared_size_past_the_bound_is_a_zip_bomb_and_is_not_decompressed()
    {
        var limits = PackageLimits.Default with { MaxEntrySize = 1 << 20 };
        byte[] large = Pattern(2 << 20, seed: 5);
        // The sha256 is wrong on purpose: were the entry hashed, a mismatch would be reported too.
        byte[] zip = Valid().Without(ModuleFile).With(ModuleFile, large, CompressionLevel.NoCompression).ToBytes();

        using var stream = new MemoryStream(zip);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, limits, Ct);
        ModulePackageValidation validation = await package.ValidateAsync(Ct);

        AssertCodes(validation, ZipBomb);
        Assert.Equal(ModuleFile, validation.Problems[0].EntryName);
    }

    [Fact]
    public async Task Declared_total_past_the_bound_is_a_zip_bomb()
    {
        var limits = PackageLimits.Default with { MaxEntrySize = 2 << 20, MaxTotalSize = 3 << 20 };
        byte[] module = Pattern(2 << 20, seed: 5);
        byte[] zip = Valid()
            .Set("sha256", Sha256Hex(module))
            .Without(ModuleFile).With(ModuleFile, module, CompressionLevel.NoCompression)
            .Without(DependencyEntry).With(DependencyEntry, Pattern(3 << 19, seed: 6), CompressionLevel.NoCompression)
            .ToBytes();

        using var stream = new MemoryStream(zip);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, limits, Ct);
        ModulePackageValidation validation = await package.ValidateAsync(Ct);

        AssertCodes(validation, ZipBomb);
        Assert.Null(validation.Problems[0].EntryName);
    }

    [Fact]
    public async Task Compression_ratio_past_1000_is_a_zip_bomb()
    {
        byte[] zip = Valid().ToBytes();
        PatchDeclaredSize(zip, DependencyEntry, int.MaxValue);

        await AssertRefusedAsync(zip, ZipBomb, DependencyEntry);
    }

    [Fact]
    public async Task Entry_that_yields_more_than_it_declares_is_stopped()
    {
        byte[] zip = Valid().Without(ModuleFile).With(ModuleFile, ModuleBytes, CompressionLevel.NoCompression).ToBytes();
        PatchDeclaredSize(zip, ModuleFile, (uint)ModuleBytes.Length / 2);

        await AssertRefusedAsync(zip, ZipBomb, ModuleFile);
    }

    [Fact]
    public async Task Every_problem_is_reported_together()
    {
        ModulePackageValidation validation = await Valid()
            .Remove("module_name")
            .Set("version", 1.5)
            .Set("architecture", "sparc")
            .Set("os_list", new JsonArray("linux"))
            .Set("sha256", new string('0', 64))
            .Set("dependencies", new JsonObject { ["x"] = new JsonObject() })
            .With("README.md")
            .With("../escape")
            .ValidateAsync();

        AssertCodes(validation,
            ModuleNameMissing, ModuleVersionNotInteger, ModuleArchitectureNotSupported, ModuleOsListInvalid,
            ModuleSha256Mismatch, DependencyInvalid, InvalidNumberOfFiles, UnsafeEntryName);
        Assert.All(validation.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }
}
