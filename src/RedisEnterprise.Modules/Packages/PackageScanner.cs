using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Codes = RedisEnterprise.Modules.ModulePackageProblemCodes;

namespace RedisEnterprise.Modules.Packages;

/// <summary>What one pass over a package found.</summary>
internal sealed class PackageScan
{
    internal List<ModulePackageProblem> Problems { get; } = [];

    internal ModulePackageMetadata? Metadata { get; set; }

    internal string? ModuleFileName { get; set; }
}

/// <summary>
/// Reads a package's zip directory and <c>module.json</c> and, when asked, hashes the <c>.so</c>: all straight from the zip,
/// nothing extracted to disk, nothing larger than <c>module.json</c> held in memory, and no declared size trusted.
/// </summary>
internal static class PackageScanner
{
    internal const int CopyBufferSize = 81920;
    private const string DependencyFolder = "deps/";

    internal static async Task<PackageScan> ScanAsync(Stream stream, PackageLimits limits, bool hashModule, CancellationToken cancellationToken)
    {
        var scan = new PackageScan();
        long? declaredEntries = await ZipDirectoryProbe.ReadEntryCountAsync(stream, cancellationToken).ConfigureAwait(false);
        if (declaredEntries is null)
        {
            scan.Problems.Add(new(Codes.NotAZip, "The file is not a zip archive, or it is truncated: it has no zip directory at its end."));
            return scan;
        }

        if (declaredEntries > limits.MaxEntries)
        {
            scan.Problems.Add(TooManyEntries(declaredEntries.Value, limits));
            return scan;
        }

        ZipArchive archive;
        List<ZipArchiveEntry> entries;
        try
        {
            stream.Position = 0;
            archive = await ZipIo.OpenArchiveAsync(stream, cancellationToken).ConfigureAwait(false);
            entries = [.. archive.Entries];
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            scan.Problems.Add(new(Codes.NotAZip, $"The file is not a zip archive, or it is corrupt or truncated: {ex.Message}"));
            return scan;
        }

        try
        {
            await ScanEntriesAsync(entries, limits, hashModule, scan, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ZipIo.DisposeAsync(archive).ConfigureAwait(false);
        }

        return scan;
    }

    private static async Task ScanEntriesAsync(List<ZipArchiveEntry> entries, PackageLimits limits, bool hashModule, PackageScan scan, CancellationToken cancellationToken)
    {
        if (entries.Count > limits.MaxEntries)
        {
            scan.Problems.Add(TooManyEntries(entries.Count, limits));
            return;
        }

        // Entries with unsafe names are left out of everything below; zip bombs are looked at but never decompressed.
        (List<ZipArchiveEntry> safe, HashSet<ZipArchiveEntry> bombs) = CheckNamesAndSizes(entries, limits, scan.Problems);

        var invalidKeys = new HashSet<string>(StringComparer.Ordinal);
        ZipArchiveEntry? moduleJson = safe.Find(e => e.FullName == PackageMetadataReader.FileName);
        if (moduleJson is null)
        {
            scan.Problems.Add(new(Codes.ModuleJsonMissing, "The package has no module.json at the top of the zip."));
        }
        else if (!bombs.Contains(moduleJson))
        {
            scan.Metadata = await ReadMetadataAsync(moduleJson, limits, scan.Problems, invalidKeys, cancellationToken).ConfigureAwait(false);
        }

        string? moduleFile = invalidKeys.Contains("module_file") || string.IsNullOrWhiteSpace(scan.Metadata?.ModuleFile) ? null : scan.Metadata.ModuleFile;
        ZipArchiveEntry? sharedObject = CheckLayout(safe, moduleFile, scan.Problems);
        scan.ModuleFileName = sharedObject?.FullName;

        if (moduleFile is not null && sharedObject?.FullName != moduleFile)
        {
            scan.Problems.Add(new(Codes.ModuleFileMissing, $"module.json names the module file '{moduleFile}', but the package has no .so entry by that name{(sharedObject is null ? "" : $" (it holds '{sharedObject.FullName}')")}.", moduleFile));
        }

        string? expected = scan.Metadata?.Sha256;
        if (hashModule && sharedObject is not null && !bombs.Contains(sharedObject) && PackageMetadataReader.IsSha256(expected))
        {
            await CheckSha256Async(sharedObject, expected!, scan.Problems, cancellationToken).ConfigureAwait(false);
        }
    }

    private static (List<ZipArchiveEntry> Safe, HashSet<ZipArchiveEntry> Bombs) CheckNamesAndSizes(List<ZipArchiveEntry> entries, PackageLimits limits, List<ModulePackageProblem> problems)
    {
        var safe = new List<ZipArchiveEntry>(entries.Count);
        var bombs = new HashSet<ZipArchiveEntry>();
        long total = 0;
        foreach (ZipArchiveEntry entry in entries)
        {
            string name = entry.FullName;
            total = entry.Length > long.MaxValue - total ? long.MaxValue : total + entry.Length;

            if (UnsafeReason(name) is { } reason)
            {
                problems.Add(new(Codes.UnsafeEntryName, $"The entry name '{name}' is unsafe ({reason}): extracting it could write outside the target folder.", name));
                continue;
            }

            safe.Add(entry);
            string? bomb = null;
            if (entry.Length > limits.MaxEntrySize)
            {
                bomb = $"The entry '{name}' declares {FormatSize(entry.Length)} uncompressed, past the {FormatSize(limits.MaxEntrySize)} limit for one entry.";
            }
            else if (entry.Length >= limits.RatioCheckMinimumSize && entry.Length / (double)Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
            {
                bomb = string.Create(CultureInfo.InvariantCulture,
                    $"The entry '{name}' would expand from {FormatSize(entry.CompressedLength)} to {FormatSize(entry.Length)}, a ratio past {limits.MaxCompressionRatio}:1.");
            }

            if (bomb is not null)
            {
                bombs.Add(entry);
                problems.Add(new(Codes.ZipBomb, bomb, name));
            }
        }

        if (total > limits.MaxTotalSize)
        {
            problems.Add(new(Codes.ZipBomb, $"The entries declare {FormatSize(total)} uncompressed in all, past the {FormatSize(limits.MaxTotalSize)} limit for a package."));
        }

        return (safe, bombs);
    }

    /// <summary>Reports every entry besides module.json, one .so and deps/*.tgz; returns the module's .so entry (the one module_file names, else the first).</summary>
    private static ZipArchiveEntry? CheckLayout(List<ZipArchiveEntry> entries, string? moduleFile, List<ModulePackageProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sharedObjects = new List<ZipArchiveEntry>();
        foreach (ZipArchiveEntry entry in entries)
        {
            string name = entry.FullName;
            if (!names.Add(name))
            {
                problems.Add(new(Codes.InvalidNumberOfFiles, $"The package holds '{name}' more than once.", name));
            }
            else if (name.EndsWith(".so", StringComparison.Ordinal))
            {
                sharedObjects.Add(entry);
            }
            else if (name != PackageMetadataReader.FileName && name != DependencyFolder && !IsDependencyArchive(name))
            {
                problems.Add(new(Codes.InvalidNumberOfFiles, $"The package may hold only module.json, one .so file and deps/*.tgz files, but it also holds '{name}'.", name));
            }
        }

        ZipArchiveEntry? module = sharedObjects.Find(e => e.FullName == moduleFile) ?? sharedObjects.FirstOrDefault();
        foreach (ZipArchiveEntry extra in sharedObjects.Where(e => e != module))
        {
            problems.Add(new(Codes.InvalidNumberOfFiles, $"The package may hold only one .so file (the module_file), but it also holds '{extra.FullName}'.", extra.FullName));
        }

        return module;
    }

    private static async Task<ModulePackageMetadata?> ReadMetadataAsync(ZipArchiveEntry entry, PackageLimits limits, List<ModulePackageProblem> problems, HashSet<string> invalidKeys, CancellationToken cancellationToken)
    {
        if (entry.Length > limits.MaxModuleJsonSize)
        {
            problems.Add(new(Codes.ModuleJsonInvalid, $"module.json is {FormatSize(entry.Length)}, larger than the {FormatSize(limits.MaxModuleJsonSize)} a module.json can reasonably be.", entry.FullName));
            return null;
        }

        using var json = new MemoryStream((int)entry.Length);
        if (!await ReadEntryAsync(entry, (buffer, count) => json.Write(buffer, 0, count), problems, cancellationToken).ConfigureAwait(false)) return null;

        return PackageMetadataReader.Read(json.GetBuffer().AsMemory(0, (int)json.Length), problems, invalidKeys);
    }

    private static async Task CheckSha256Async(ZipArchiveEntry entry, string expected, List<ModulePackageProblem> problems, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!await ReadEntryAsync(entry, (buffer, count) => hash.AppendData(buffer, 0, count), problems, cancellationToken).ConfigureAwait(false)) return;

        string actual = ToHex(hash.GetHashAndReset());
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(Codes.ModuleSha256Mismatch, $"The SHA-256 of '{entry.FullName}' is {actual}, but module.json says {expected}: the .so is not the one module.json describes.", entry.FullName));
        }
    }

    /// <summary>Decompresses an entry into <paramref name="sink"/>, reporting a corrupt entry or one that does not match its declared size.</summary>
    private static async Task<bool> ReadEntryAsync(ZipArchiveEntry entry, Action<byte[], int> sink, List<ModulePackageProblem> problems, CancellationToken cancellationToken)
    {
        long read;
        try
        {
            Stream content = await ZipIo.OpenEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                read = await CopyBoundedAsync(content, entry.Length, sink, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            problems.Add(new(Codes.NotAZip, $"The entry '{entry.FullName}' is corrupt: {ex.Message}", entry.FullName));
            return false;
        }

        if (read > entry.Length)
        {
            problems.Add(new(Codes.ZipBomb, $"The entry '{entry.FullName}' expands past the {FormatSize(entry.Length)} it declares; reading stopped there.", entry.FullName));
            return false;
        }

        if (read < entry.Length)
        {
            problems.Add(new(Codes.NotAZip, $"The entry '{entry.FullName}' is truncated: it declares {FormatSize(entry.Length)} but holds {FormatSize(read)}.", entry.FullName));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="sink"/> through one pooled buffer. Stops as soon as more than
    /// <paramref name="limit"/> bytes came out (those are not passed on) and returns the count read, so a result past the limit means "too large".
    /// </summary>
    internal static async Task<long> CopyBoundedAsync(Stream source, long limit, Action<byte[], int> sink, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                int read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0) return total;
                total += read;
                if (total > limit) return total;
                sink(buffer, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string? UnsafeReason(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Contains('\\', StringComparison.Ordinal)) return "it contains a backslash";
        if (name[0] == '/') return "it is an absolute path";
        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])) return "it starts with a drive letter";
        if (name.Split('/').Contains("..", StringComparer.Ordinal)) return "it climbs to a parent folder with '..'";
        if (name.Any(char.IsControl)) return "it contains a control character";
        return null;
    }

    private static bool IsDependencyArchive(string name) =>
        name.StartsWith(DependencyFolder, StringComparison.Ordinal) && name.EndsWith(".tgz", StringComparison.Ordinal) &&
        name.Length > DependencyFolder.Length + ".tgz".Length && name.IndexOf('/', DependencyFolder.Length) < 0;

    // What a damaged or hostile zip makes System.IO.Compression throw; real I/O failures (IOException) still surface.
    private static bool IsCorruption(Exception exception) =>
        exception is InvalidDataException or EndOfStreamException or NotSupportedException or ArgumentException or OverflowException;

    private static ModulePackageProblem TooManyEntries(long count, PackageLimits limits) =>
        new(Codes.ZipBomb, string.Create(CultureInfo.InvariantCulture, $"The zip holds {count} entries, more than the {limits.MaxEntries} a package can reasonably hold; it was not read further."));

    private static string ToHex(byte[] bytes) =>
#if NET9_0_OR_GREATER
        Convert.ToHexStringLower(bytes);
#else
        string.Create(bytes.Length * 2, bytes, static (chars, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[source[i] >> 4];
                chars[(2 * i) + 1] = "0123456789abcdef"[source[i] & 0xF];
            }
        });
#endif

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
