using System.IO.Compression;

namespace RedisEnterprise.Modules.Testing.Tests;

public class ModulePackageBuilderTests
{
    [Theory]
    [InlineData("2.0.8", 20008L)]
    [InlineData("1.12.3", 11203L)]
    [InlineData("2.8.7", 20807L)]
    [InlineData("7", 70000L)]
    [InlineData("1.2.3.4", null)]
    [InlineData("one.two", null)]
    [InlineData("", null)]
    public void VersionOf_turns_a_semantic_version_into_the_integer_version(string semver, long? expected) =>
        Assert.Equal(expected, ModulePackageBuilder.VersionOf(semver));

    [Fact]
    public void Names_the_file_by_the_RAMP_convention()
    {
        var builder = new ModulePackageBuilder("rejson", "2.0.8");
        Assert.Equal("rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip", builder.FileName);
        Assert.Equal("rejson.so", builder.ModuleFile);
        Assert.Equal(20008, builder.Version);
    }

    [Fact]
    public void Builds_a_zip_with_module_json_and_the_payload_and_its_sha256()
    {
        byte[] zip = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(1024).Build();
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(["module.json", "rejson.so"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        byte[] payload = ReadEntry(archive, "rejson.so");
        Assert.Equal(1024, payload.Length);
        using JsonDocument manifest = JsonDocument.Parse(ReadEntry(archive, "module.json"));
        JsonElement root = manifest.RootElement;
        Assert.Equal("rejson", root.GetProperty("module_name").GetString());
        Assert.Equal("2.0.8", root.GetProperty("semantic_version").GetString());
        Assert.Equal(20008, root.GetProperty("version").GetInt64());
        Assert.Equal("rejson.so", root.GetProperty("module_file").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(payload)), root.GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("dependencies").ValueKind);
        Assert.Equal(1, root.GetProperty("ramp_format_version").GetInt32());
    }

    [Fact]
    public void Uses_given_payload_bytes_and_dependencies()
    {
        byte[] bytes = [1, 2, 3, 4, 5];
        string sha = new('c', 64);
        var builder = new ModulePackageBuilder("rg", "1.2.1")
            .WithPayload(bytes)
            .WithDependency("gears_python", new Uri("https://example.com/python.tgz"), sha)
            .WithDisplayName("RedisGears")
            .WithCapabilities("types")
            .WithMinRedisPackVersion("7.2.0");
        using var archive = new ZipArchive(new MemoryStream(builder.Build()), ZipArchiveMode.Read);
        Assert.Equal(bytes, ReadEntry(archive, "rg.so"));
        using JsonDocument manifest = JsonDocument.Parse(ReadEntry(archive, "module.json"));
        JsonElement root = manifest.RootElement;
        Assert.Equal(builder.PayloadSha256, root.GetProperty("sha256").GetString());
        JsonElement dependency = root.GetProperty("dependencies").GetProperty("gears_python");
        Assert.Equal("https://example.com/python.tgz", dependency.GetProperty("url").GetString());
        Assert.Equal(sha, dependency.GetProperty("sha256").GetString());
        Assert.Equal("RedisGears", root.GetProperty("display_name").GetString());
        Assert.Equal(["types"], root.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("7.2.0", root.GetProperty("min_redis_pack_version").GetString());
    }

    [Fact]
    public void Module_json_keys_can_be_overridden_or_removed()
    {
        string json = new ModulePackageBuilder("rejson", "2.0.8")
            .WithoutModuleJsonProperty("module_name")
            .WithModuleJsonProperty("version", 20807.0)
            .BuildModuleJson();
        using JsonDocument manifest = JsonDocument.Parse(json);
        Assert.False(manifest.RootElement.TryGetProperty("module_name", out _));
        Assert.Equal(20807.0, manifest.RootElement.GetProperty("version").GetDouble());
    }

    [Fact]
    public void WriteToTempFile_writes_the_package_under_its_conventional_name_in_a_fresh_directory()
    {
        var builder = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(100);
        string first = builder.WriteToTempFile();
        string second = builder.WriteToTempFile();
        try
        {
            Assert.Equal(builder.FileName, Path.GetFileName(first));
            Assert.NotEqual(Path.GetDirectoryName(first), Path.GetDirectoryName(second));
            Assert.Equal(builder.Build(), File.ReadAllBytes(first));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(first)!, recursive: true);
            Directory.Delete(Path.GetDirectoryName(second)!, recursive: true);
        }
    }

    [Fact]
    public void WriteTo_writes_the_given_path()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            Assert.Equal(path, new ModulePackageBuilder("bf", "2.8.2").WriteTo(path));
            using var archive = ZipFile.OpenRead(path);
            Assert.NotNull(archive.GetEntry("module.json"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Builds_are_deterministic_in_content()
    {
        var a = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(64);
        var b = new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(64);
        Assert.Equal(a.PayloadSha256, b.PayloadSha256);
        Assert.Equal(a.BuildModuleJson(), b.BuildModuleJson());
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        using Stream stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
