using System.Buffers.Binary;

namespace RedisEnterprise.Modules.Tests.Packages;

/// <summary>Builds module packages (RAMP zips) in memory: a valid one by default, then broken on purpose.</summary>
internal sealed class TestPackages
{
    internal const string ModuleFile = "redisearch.so";
    internal const string DependencyEntry = "deps/gears_python.tgz";
    internal const string FileName = "redisearch.Linux-ubuntu18.04-x86_64.2.8.7.zip";

    internal static readonly byte[] ModuleBytes = Pattern(64 * 1024, seed: 7);
    internal static readonly string ModuleSha256 = Sha256Hex(ModuleBytes);
    internal static readonly string DependencySha256 = new('a', 64);

    private readonly List<(string Name, byte[] Content, CompressionLevel Level)> _entries = [];
    private byte[]? _rawModuleJson;
    private bool _withModuleJson = true;

    private TestPackages() { }

    internal JsonObject Metadata { get; } = new()
    {
        ["module_name"] = "search",
        ["module_file"] = ModuleFile,
        ["version"] = JsonNode.Parse("20807.0"), // as the packer writes it
        ["semantic_version"] = "2.8.7",
        ["display_name"] = "RediSearch 2",
        ["author"] = "RedisLabs",
        ["email"] = "modules@example.com",
        ["description"] = "High performance search index on top of Redis",
        ["homepage"] = "https://example.com/redisearch",
        ["license"] = "RSALv2",
        ["architecture"] = "x86_64",
        ["os"] = "Linux",
        ["os_list"] = new JsonArray("ubuntu18.04"),
        ["operating_systems"] = new JsonArray("rhel9", "ubuntu18.04"),
        ["capabilities"] = new JsonArray("types", "crdb", "persistence_rdb"),
        ["command_line_args"] = "MAXSEARCHRESULTS 10000",
        ["config_command"] = "FT.CONFIG SET",
        ["min_redis_version"] = "6.0",
        ["min_redis_pack_version"] = "6.2.2",
        ["compatible_redis_version"] = "7.2",
        ["sha256"] = ModuleSha256,
        ["dependencies"] = new JsonObject
        {
            ["gears_python"] = new JsonObject { ["url"] = "https://example.com/deps/gears_python.tgz", ["sha256"] = DependencySha256 },
        },
        ["commands"] = new JsonArray(new JsonObject
        {
            ["command_name"] = "FT.SEARCH",
            ["command_arity"] = -2,
            ["flags"] = new JsonArray("readonly"),
            ["first_key"] = 0,
            ["last_key"] = 0,
            ["step"] = -1,
        }),
        ["ramp_format_version"] = 1,
        ["git_sha"] = "0123abc",
    };

    /// <summary>A package that passes every check: module.json, the .so its sha256 describes, and one dependency archive.</summary>
    internal static TestPackages Valid()
    {
        var package = new TestPackages();
        package._entries.Add((ModuleFile, ModuleBytes, CompressionLevel.Optimal));
        package._entries.Add((DependencyEntry, Pattern(2048, seed: 3), CompressionLevel.Optimal));
        return package;
    }

    internal TestPackages Edit(Action<JsonObject> edit)
    {
        edit(Metadata);
        return this;
    }

    internal TestPackages Set(string key, JsonNode? value) => Edit(m => m[key] = value);

    internal TestPackages Remove(string key) => Edit(m => m.Remove(key));

    /// <summary>Replaces module.json with exactly this text.</summary>
    internal TestPackages WithModuleJson(string raw) => WithModuleJson(Encoding.UTF8.GetBytes(raw));

    /// <summary>Replaces module.json with exactly these bytes, UTF-8 or not.</summary>
    internal TestPackages WithModuleJson(byte[] raw)
    {
        _rawModuleJson = raw;
        return this;
    }

    internal TestPackages With(string name, byte[]? content = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        _entries.Add((name, content ?? Encoding.UTF8.GetBytes("extra"), level));
        return this;
    }

    internal TestPackages Without(string name)
    {
        _entries.RemoveAll(e => e.Name == name);
        if (name == "module.json") _withModuleJson = false;
        return this;
    }

    internal byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (_withModuleJson)
            {
                AddEntry(zip, "module.json", _rawModuleJson ?? Encoding.UTF8.GetBytes(Metadata.ToJsonString()), CompressionLevel.Optimal);
            }

            foreach ((string name, byte[] content, CompressionLevel level) in _entries)
            {
                AddEntry(zip, name, content, level);
            }
        }

        return buffer.ToArray();
    }

    internal MemoryStream ToStream() => new(ToBytes(), writable: false);

    internal static async Task<ModulePackageValidation> ValidateAsync(byte[] zip)
    {
        using var stream = new MemoryStream(zip, writable: false);
        ModulePackage package = await ModulePackage.OpenAsync(stream, FileName, TestContext.Current.CancellationToken);
        return await package.ValidateAsync(TestContext.Current.CancellationToken);
    }

    internal Task<ModulePackageValidation> ValidateAsync() => ValidateAsync(ToBytes());

    /// <summary>Validates <paramref name="zip"/>, asserts its one problem is <paramref name="code"/> about <paramref name="entry"/>, and returns it.</summary>
    internal static async Task<ModulePackageProblem> AssertRefusedAsync(byte[] zip, string code, string entry)
    {
        ModulePackageValidation validation = await ValidateAsync(zip);
        AssertCodes(validation, code);
        Assert.Equal(entry, validation.Problems[0].EntryName);
        return validation.Problems[0];
    }

    internal static void AssertCodes(ModulePackageValidation validation, params string[] expected)
    {
        string[] actual = validation.Problems.Select(p => p.Code).Order(StringComparer.Ordinal).ToArray();
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(actual), $"Expected [{string.Join(", ", expected.Order(StringComparer.Ordinal))}] but found:\n{validation}");
        Assert.Equal(expected.Length == 0, validation.IsValid);
    }

    /// <summary>Overwrites the uncompressed size an entry declares in the zip's central directory.</summary>
    internal static void PatchDeclaredSize(byte[] zip, string entryName, uint uncompressedSize)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int at = 0; at + 46 <= zip.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) != 0x02014b50) continue;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            if (zip.AsSpan(at + 46, nameLength).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 24), uncompressedSize);
                return;
            }
        }

        throw new InvalidOperationException($"No central directory header for '{entryName}'.");
    }

    /// <summary>Zeroes the signature of an entry's local header (the central directory still points at it).</summary>
    internal static void CorruptLocalHeader(byte[] zip, string entryName)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        int at = zip.AsSpan().IndexOf(name) - 30;
        Assert.Equal(0x04034b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)));
        zip.AsSpan(at, 4).Clear();
    }

    internal static byte[] Pattern(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AddEntry(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using Stream stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }
}
