namespace RedisEnterprise.Modules.Tests.Packages;

public class ModulePackageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Valid_package_reads_every_metadata_key_and_passes()
    {
        using MemoryStream stream = Valid().ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        ModulePackageMetadata metadata = Assert.IsType<ModulePackageMetadata>(package.Metadata);
        Assert.Equal("search", metadata.ModuleName);
        Assert.Equal(ModuleFile, metadata.ModuleFile);
        Assert.Equal(20807L, metadata.Version);
        Assert.Equal("2.8.7", metadata.SemanticVersion);
        Assert.Equal("RediSearch 2", metadata.DisplayName);
        Assert.Equal("RedisLabs", metadata.Author);
        Assert.Equal("modules@example.com", metadata.Email);
        Assert.Equal("High performance search index on top of Redis", metadata.Description);
        Assert.Equal("https://example.com/redisearch", metadata.Homepage);
        Assert.Equal("RSALv2", metadata.License);
        Assert.Equal("x86_64", metadata.Architecture);
        Assert.Equal("Linux", metadata.Os);
        Assert.Equal(["ubuntu18.04"], metadata.OsList);
        Assert.Equal(["rhel9", "ubuntu18.04"], metadata.OperatingSystems);
        Assert.Equal(["rhel9", "ubuntu18.04"], metadata.SupportedOperatingSystems);
        Assert.Equal(["types", "crdb", "persistence_rdb"], metadata.Capabilities);
        Assert.Equal("MAXSEARCHRESULTS 10000", metadata.CommandLineArgs);
        Assert.Equal("FT.CONFIG SET", metadata.ConfigCommand);
        Assert.Equal("6.0", metadata.MinRedisVersion);
        Assert.Equal("6.2.2", metadata.MinRedisPackVersion);
        Assert.Equal("7.2", metadata.CompatibleRedisVersion);
        Assert.Equal(ModuleSha256, metadata.Sha256);
        ModuleDependency dependency = Assert.Single(metadata.Dependencies!).Value;
        Assert.Equal("https://example.com/deps/gears_python.tgz", dependency.Url);
        Assert.Equal(DependencySha256, dependency.Sha256);
        ModulePackageCommand command = Assert.Single(metadata.Commands!);
        Assert.Equal("FT.SEARCH", command.CommandName);
        Assert.Equal(-2L, command.CommandArity);
        Assert.Equal(0L, command.FirstKey);
        Assert.Equal(0L, command.LastKey);
        Assert.Equal(-1L, command.Step);
        Assert.Equal(["readonly"], command.Flags);
        Assert.Equal(1L, metadata.RampFormatVersion);
        Assert.Equal("0123abc", metadata.AdditionalData["git_sha"].GetString());

        Assert.Equal(ModuleFile, package.ModuleFileName);
        Assert.Equal(FileName, package.FileName);
        Assert.Null(package.FilePath);

        ModulePackageValidation validation = await package.ValidateAsync(Ct);
        AssertCodes(validation);
        Assert.Empty(validation.Problems);
        validation.ThrowIfInvalid();
    }

    [Fact]
    public async Task Valid_package_opens_and_validates_from_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.{FileName}");
        try
        {
            await File.WriteAllBytesAsync(path, Valid().ToBytes(), Ct);

            ModulePackage package = await ModulePackage.OpenAsync(path, Ct);
            Assert.Equal(Path.GetFullPath(path), package.FilePath);
            Assert.Equal(Path.GetFileName(path), package.FileName);
            Assert.Equal("search", package.Metadata?.ModuleName);
            AssertCodes(await package.ValidateAsync(Ct));

            ModulePackageValidation oneShot = await ModulePackage.ValidateFileAsync(path, Ct);
            AssertCodes(oneShot);
            Assert.Equal(Path.GetFileName(path), oneShot.FileName);

            // The file is not held open between calls: an exclusive open fails while any stream on it is open.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            File.Delete(path);
            Assert.False(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("20807", 20807L)]
    [InlineData("20807.0", 20807L)]
    [InlineData("\"20807\"", 20807L)]
    [InlineData("\"1.0\"", 1L)]
    public async Task Version_accepts_every_integral_spelling(string json, long expected)
    {
        byte[] zip = Valid().Set("version", JsonNode.Parse(json)).ToBytes();
        using var stream = new MemoryStream(zip);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        Assert.Equal(expected, package.Metadata?.Version);
        AssertCodes(await package.ValidateAsync(Ct));
    }

    [Fact]
    public async Task Optional_keys_may_be_absent_or_in_the_packer_default_shapes()
    {
        ModulePackageValidation validation = await Valid()
            .Set("architecture", "aarch64")
            .Set("dependencies", new JsonArray())
            .Set("sha256", "")
            .Remove("os_list")
            .Set("operating_systems", null)
            .Remove("commands")
            .ValidateAsync();

        AssertCodes(validation);
    }

    [Fact]
    public async Task Sha256_is_compared_without_regard_to_case()
    {
        AssertCodes(await Valid().Set("sha256", ModuleSha256.ToUpperInvariant()).ValidateAsync());
    }

    [Fact]
    public async Task Utf8_byte_order_mark_in_module_json_is_accepted()
    {
        AssertCodes(await Valid().WithModuleJson("\uFEFF" + Valid().Metadata.ToJsonString()).ValidateAsync());
    }

    [Fact]
    public async Task Stream_position_is_restored_and_the_stream_left_open()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5, .. Valid().ToBytes()], writable: false);
        stream.Position = 5;

        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);
        Assert.Equal(5, stream.Position);
        AssertCodes(await package.ValidateAsync(Ct));
        Assert.Equal(5, stream.Position);
        AssertCodes(await ModulePackage.ValidateStreamAsync(stream, FileName, Ct));
        Assert.Equal(5, stream.Position);
        Assert.True(stream.CanRead);
    }

    [Theory]
    [InlineData("python-deflated.zip")]
    [InlineData("python-stored.zip")]
    [InlineData("python-zip64.zip")]
    [InlineData("python-data-descriptors.zip")]
    [InlineData("infozip.zip")]
    [InlineData("infozip-zip64.zip")]
    public async Task Packages_made_by_real_zip_tools_are_valid(string name)
    {
        // TestData/packages/make.sh made them with Python's zipfile (the packer's) and Info-ZIP's zip.
        AssertCodes(await ModulePackage.ValidateFileAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "packages", name), Ct));
    }

    [Fact]
    public async Task A_symbolic_link_stored_by_Info_ZIP_is_refused()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "packages", "infozip-symlink.zip");
        ModulePackageValidation validation = await ModulePackage.ValidateFileAsync(path, Ct);

        AssertCodes(validation, ModulePackageProblemCodes.EntryIsSymbolicLink);
    }

    [Fact]
    public async Task A_stream_holds_the_package_from_its_position_to_its_end()
    {
        byte[] zip = Valid().ToBytes();
        using var stream = new MemoryStream([.. Pattern(100, seed: 9), .. zip], writable: false);
        stream.Position = 100;

        AssertCodes(await ModulePackage.ValidateStreamAsync(stream, FileName, Ct));
        Assert.Equal(100, stream.Position);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);
        Assert.Equal("search", package.Metadata?.ModuleName);
        AssertCodes(await package.ValidateAsync(Ct));
    }

    [Fact]
    public async Task A_stream_positioned_inside_a_zip_is_not_a_zip()
    {
        using MemoryStream stream = Valid().ToStream();
        stream.Position = 100;

        AssertCodes(await ModulePackage.ValidateStreamAsync(stream, FileName, Ct), ModulePackageProblemCodes.NotAZip);
        Assert.Equal(100, stream.Position);
    }

    [Fact]
    public async Task Stream_must_be_readable_and_seekable()
    {
        using var notSeekable = new GZipStream(new MemoryStream(Valid().ToBytes()), CompressionMode.Decompress);
        using var notReadable = new GZipStream(new MemoryStream(), CompressionMode.Compress);

        ArgumentException seek = await Assert.ThrowsAsync<ArgumentException>(() => ModulePackage.OpenAsync(notSeekable, FileName, Ct));
        Assert.Equal("stream", seek.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => ModulePackage.OpenAsync(notReadable, FileName, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => ModulePackage.ValidateStreamAsync(notSeekable, FileName, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ModulePackage.OpenAsync((Stream)null!, FileName, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => ModulePackage.OpenAsync(new MemoryStream(), " ", Ct));
    }

    [Fact]
    public async Task Missing_file_throws_file_not_found()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");

        await Assert.ThrowsAsync<FileNotFoundException>(() => ModulePackage.OpenAsync(path, Ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => ModulePackage.ValidateFileAsync(path, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ModulePackage.OpenAsync("", Ct));
    }

    [Fact]
    public async Task A_file_in_a_missing_folder_throws_file_not_found_naming_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "m.zip");

        FileNotFoundException opening = await Assert.ThrowsAsync<FileNotFoundException>(() => ModulePackage.OpenAsync(path, Ct));
        FileNotFoundException validating = await Assert.ThrowsAsync<FileNotFoundException>(() => ModulePackage.ValidateFileAsync(path, Ct));

        Assert.Equal(path, opening.FileName);
        Assert.IsType<DirectoryNotFoundException>(opening.InnerException);
        Assert.Equal(path, validating.FileName);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using MemoryStream stream = Valid().ToStream();
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModulePackage.OpenAsync(stream, FileName, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => package.ValidateAsync(cancelled.Token));
    }

    [Fact]
    public async Task ThrowIfInvalid_throws_an_sdk_exception_listing_every_problem()
    {
        ModulePackageValidation validation = await Valid().Remove("module_name").Set("architecture", "i386").ValidateAsync();

        ModulePackageValidationException exception = Assert.Throws<ModulePackageValidationException>(validation.ThrowIfInvalid);

        Assert.IsAssignableFrom<RedisEnterpriseException>(exception);
        Assert.Equal(0, exception.Status);
        Assert.Same(validation, exception.Validation);
        Assert.Equal(2, validation.Problems.Count);
        Assert.Contains(FileName, exception.Message, StringComparison.Ordinal);
        foreach (ModulePackageProblem problem in validation.Problems)
        {
            Assert.Contains($"[{problem.Code}] {problem.Message}", exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bounded_copy_stops_once_a_stream_yields_more_than_it_declared()
    {
        long passedOn = 0;
        using var exact = new MemoryStream(new byte[200_000]);
        Assert.Equal(200_000, await PackageScanner.CopyBoundedAsync(exact, 200_000, (_, n) => passedOn += n, Ct));
        Assert.Equal(200_000, passedOn);

        passedOn = 0;
        using var tooLong = new MemoryStream(new byte[200_000]);
        long read = await PackageScanner.CopyBoundedAsync(tooLong, 100_000, (_, n) => passedOn += n, Ct);
        Assert.InRange(read, 100_001, 200_000 - 1);
        Assert.True(passedOn <= 100_000, $"{passedOn} bytes were passed on past the bound.");
    }

    [Fact]
    public async Task Bounded_copy_stops_when_cancelled_midway()
    {
        using var cancellation = new CancellationTokenSource();
        using var source = new MemoryStream(new byte[1_000_000]);
        int chunks = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageScanner.CopyBoundedAsync(source, long.MaxValue, (_, _) =>
        {
            chunks++;
            cancellation.Cancel();
        }, cancellation.Token));
        Assert.Equal(1, chunks);
    }
}
