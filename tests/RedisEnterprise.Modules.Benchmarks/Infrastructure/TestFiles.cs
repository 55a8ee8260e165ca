using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>Generates the large files the benchmarks read, in a folder of their own that cleanup deletes.</summary>
internal static class TestFiles
{
    private const int ChunkSize = 1 << 20;

    internal static DirectoryInfo CreateFolder() => Directory.CreateTempSubdirectory("rem-bench-");

    /// <summary>
    /// Writes <paramref name="size"/> bytes that look like a binary: pseudo-random, with every other 64-byte run zeroed so
    /// deflate shrinks it about 2:1, as it does a real <c>.so</c>. Returns the SHA-256 in lower-case hex.
    /// </summary>
    internal static string WriteBinary(string path, long size)
    {
        byte[] chunk = new byte[ChunkSize];
        new Random(42).NextBytes(chunk);
        for (int i = 0; i < chunk.Length; i += 128) chunk.AsSpan(i, 64).Clear();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        for (long written = 0, n = 0; written < size; written += ChunkSize, n++)
        {
            BitConverter.TryWriteBytes(chunk, n); // no two chunks alike
            int count = (int)Math.Min(ChunkSize, size - written);
            file.Write(chunk, 0, count);
            hash.AppendData(chunk, 0, count);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes a module package (RAMP zip) holding <paramref name="soPath"/> as its module file and a module.json that gives its SHA-256.</summary>
    internal static void WritePackage(string zipPath, string soPath, string sha256, CompressionLevel level)
    {
        using var zip = new ZipArchive(new FileStream(zipPath, FileMode.CreateNew, FileAccess.ReadWrite), ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("module.json").Open(), Encoding.UTF8))
        {
            writer.Write($$"""
                {
                  "module_name": "bench", "display_name": "Bench", "module_file": "bench.so",
                  "semantic_version": "1.0.0", "version": 10000, "author": "bench", "email": "bench@example.com",
                  "description": "benchmark package", "homepage": "https://example.com", "license": "MIT",
                  "architecture": "x86_64", "os": "Linux", "os_list": ["ubuntu18.04"], "capabilities": [],
                  "command_line_args": "", "min_redis_version": "6.0.0", "min_redis_pack_version": "6.0.0",
                  "compatible_redis_version": "", "sha256": "{{sha256}}", "dependencies": {}, "commands": [], "ramp_format_version": 1
                }
                """);
        }

        using Stream entry = zip.CreateEntry("bench.so", level).Open();
        using var so = new FileStream(soPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        so.CopyTo(entry, ChunkSize);
    }
}
