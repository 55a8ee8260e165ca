using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Codes = RedisEnterprise.Modules.ModulePackageProblemCodes;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Reads a package's zip directory and <c>module.json</c> and, for a full check, every other entry (the <c>.so</c> hashed):
/// all straight from the zip, nothing extracted to disk, nothing larger than <c>module.json</c> held in memory, and no
/// declared size, CRC or compressed size trusted.
/// </summary>
internal static class PackageScanner
{
    internal const int CopyBufferSize = 81920;
    private const string DependencyFolder = "deps/";

    /// <param name="stream">The zip, from position 0 of the stream to its end.</param>
    /// <param name="limits">The bounds past which the package is refused.</param>
    /// <param name="readEveryEntry">Whether to read (and so check) every entry and hash the <c>.so</c>; otherwise only <c>module.json</c> is read.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    internal static async Task<PackageScan> ScanAsync(Stream stream, PackageLimits limits, bool readEveryEntry, CancellationToken cancellationToken)
    {
        var scan = new PackageScan();
        (List<ZipEntryRecord> Entries, long Offset)? directory;
        try
        {
            directory = await ZipDirectory.ReadAsync(stream, limits, scan.Problems, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            scan.Problems.Add(new(Codes.NotAZip, $"The file is not a zip archive, or it is corrupt or truncated: {ex.Message}"));
            return scan;
        }

        if (directory is { } found)
        {
            scan.DirectoryOffset = found.Offset;
            await ScanEntriesAsync(new ZipReader(stream, found.Offset), found.Entries, limits, scan, cancellationToken).ConfigureAwait(false);
            if (readEveryEntry)
            {
                foreach (EntryCheck check in scan.EntriesToRead)
                {
                    await CheckEntryAsync(() => ZipEntryContent.OpenAsync(stream, check.Entry, found.Offset, cancellationToken), check, scan.Problems, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return scan;
    }

    /// <summary>
    /// Reads the local header of each entry to read (<see cref="EntryCheck.DataStart"/>), so their data can be checked from a
    /// sequential pass over the zip (the bytes of an upload as they are sent); an entry that cannot be read is reported as the full check reports it.
    /// </summary>
    internal static async Task LocateAsync(Stream stream, PackageScan scan, CancellationToken cancellationToken)
    {
        foreach (EntryCheck check in scan.EntriesToRead)
        {
            try
            {
                check.DataStart = await ZipEntryContent.LocateAsync(stream, check.Entry, scan.DirectoryOffset, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCorruption(ex))
            {
                scan.Problems.Add(Corrupt(check.Entry, ex));
            }
        }
    }

    /// <summary>
    /// Reads one entry's content (opened by <paramref name="open"/>) to its end: its CRC-32 and sizes, and its SHA-256 when
    /// <paramref name="check"/> gives one. The full check and the check of an upload's bytes as they are sent both come here.
    /// </summary>
    internal static async Task CheckEntryAsync(Func<Task<Stream>> open, EntryCheck check, List<ModulePackageProblem> problems, CancellationToken cancellationToken)
    {
        if (check.Sha256 is not { } expected)
        {
            // The cluster extracts every entry: one whose data is not what it declares (a lying bomb among them) is refused too.
            await ReadEntryAsync(open, check.Entry, static (_, _) => { }, problems, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!await ReadEntryAsync(open, check.Entry, (buffer, count) => hash.AppendData(buffer, 0, count), problems, cancellationToken).ConfigureAwait(false)) return;

        string actual = ToHex(hash.GetHashAndReset());
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(Codes.ModuleSha256Mismatch, $"The SHA-256 of '{check.Entry.FullName}' is {actual}, but module.json says {expected}: the .so is not the one module.json describes.", check.Entry.FullName));
        }
    }

    private static async Task ScanEntriesAsync(ZipReader zip, List<ZipEntryRecord> entries, PackageLimits limits, PackageScan scan, CancellationToken cancellationToken)
    {
        // Entries with unsafe names are left out of everything below; zip bombs and links are looked at but never read.
        (List<ZipEntryRecord> safe, HashSet<ZipEntryRecord> unread) = CheckEntries(entries, limits, scan.Problems);

        var invalidKeys = new HashSet<string>(StringComparer.Ordinal);
        ZipEntryRecord? moduleJson = safe.Find(e => e.FullName == PackageMetadataReader.FileName);
        if (moduleJson is null)
        {
            scan.Problems.Add(new(Codes.ModuleJsonMissing, "The package has no module.json at the top of the zip."));
        }
        else if (!unread.Contains(moduleJson))
        {
            scan.Metadata = await ReadMetadataAsync(zip, moduleJson, limits, scan.Problems, invalidKeys, cancellationToken).ConfigureAwait(false);
        }

        string? moduleFile = invalidKeys.Contains("module_file") || string.IsNullOrWhiteSpace(scan.Metadata?.ModuleFile) ? null : scan.Metadata.ModuleFile;
        ZipEntryRecord? sharedObject = CheckLayout(safe, moduleFile, scan.Problems);
        scan.ModuleFileName = sharedObject?.FullName;

        if (moduleFile is not null && sharedObject?.FullName != moduleFile)
        {
            scan.Problems.Add(new(Codes.ModuleFileMissing, $"module.json names the module file '{moduleFile}', but the package has no .so entry by that name{(sharedObject is null ? "" : $" (it holds '{sharedObject.FullName}')")}.", moduleFile));
        }

        string? expected = scan.Metadata?.Sha256;
        foreach (ZipEntryRecord entry in safe.Where(e => e != moduleJson && !unread.Contains(e)))
        {
            scan.EntriesToRead.Add(new EntryCheck(entry, entry == sharedObject && PackageMetadataReader.IsSha256(expected) ? expected : null));
        }
    }

    private static (List<ZipEntryRecord> Safe, HashSet<ZipEntryRecord> Unread) CheckEntries(List<ZipEntryRecord> entries, PackageLimits limits, List<ModulePackageProblem> problems)
    {
        var safe = new List<ZipEntryRecord>(entries.Count);
        var unread = new HashSet<ZipEntryRecord>();
        long total = 0;
        foreach (ZipEntryRecord entry in entries)
        {
            string name = entry.FullName;
            total = entry.Length > long.MaxValue - total ? long.MaxValue : total + entry.Length;

            if ((entry.NameDefect ?? UnsafeReason(name)) is { } reason)
            {
                problems.Add(new(Codes.UnsafeEntryName, $"The entry name '{Excerpt(name)}' is unsafe ({reason}): extracting it could write outside the target folder, or under another name.", name));
                continue;
            }

            safe.Add(entry);
            if (entry.IsSymbolicLink)
            {
                unread.Add(entry);
                problems.Add(new(Codes.EntryIsSymbolicLink, $"The entry '{name}' is a symbolic link (Unix mode 120000): extracted, it could point anywhere on the cluster's machine.", name));
                continue;
            }

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
                unread.Add(entry);
                problems.Add(new(Codes.ZipBomb, bomb, name));
            }
        }

        if (total > limits.MaxTotalSize)
        {
            problems.Add(new(Codes.ZipBomb, $"The entries declare {FormatSize(total)} uncompressed in all, past the {FormatSize(limits.MaxTotalSize)} limit for a package."));
        }

        return (safe, unread);
    }

    /// <summary>Reports every entry besides module.json, one .so and deps/*.tgz; returns the module's .so entry (the one module_file names, else the first).</summary>
    private static ZipEntryRecord? CheckLayout(List<ZipEntryRecord> entries, string? moduleFile, List<ModulePackageProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sharedObjects = new List<ZipEntryRecord>();
        foreach (ZipEntryRecord entry in entries)
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

        ZipEntryRecord? module = sharedObjects.Find(e => e.FullName == moduleFile) ?? sharedObjects.FirstOrDefault();
        foreach (ZipEntryRecord extra in sharedObjects.Where(e => e != module))
        {
            problems.Add(new(Codes.InvalidNumberOfFiles, $"The package may hold only one .so file (the module_file), but it also holds '{extra.FullName}'.", extra.FullName));
        }

        return module;
    }

    private static async Task<ModulePackageMetadata?> ReadMetadataAsync(ZipReader zip, ZipEntryRecord entry, PackageLimits limits, List<ModulePackageProblem> problems, HashSet<string> invalidKeys, CancellationToken cancellationToken)
    {
        if (entry.Length > limits.MaxModuleJsonSize)
        {
            problems.Add(new(Codes.ModuleJsonInvalid, $"module.json is {FormatSize(entry.Length)}, larger than the {FormatSize(limits.MaxModuleJsonSize)} a module.json can reasonably be.", entry.FullName));
            return null;
        }

        using var json = new MemoryStream((int)entry.Length);
        if (!await ReadEntryAsync(() => ZipEntryContent.OpenAsync(zip.Stream, entry, zip.DirectoryOffset, cancellationToken), entry, (buffer, count) => json.Write(buffer, 0, count), problems, cancellationToken).ConfigureAwait(false)) return null;

        return PackageMetadataReader.Read(json.GetBuffer().AsMemory(0, (int)json.Length), problems, invalidKeys);
    }

    /// <summary>Decompresses an entry into <paramref name="sink"/>, reporting a corrupt entry or one that does not match its declared size.</summary>
    private static async Task<bool> ReadEntryAsync(Func<Task<Stream>> open, ZipEntryRecord entry, Action<byte[], int> sink, List<ModulePackageProblem> problems, CancellationToken cancellationToken)
    {
        long read;
        try
        {
            Stream content = await open().ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                read = await CopyBoundedAsync(content, entry.Length, sink, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            problems.Add(Corrupt(entry, ex));
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

    /// <summary>The zip and where its directory starts (no entry's data may reach into it).</summary>
    private readonly record struct ZipReader(Stream Stream, long DirectoryOffset);

    private static ModulePackageProblem Corrupt(ZipEntryRecord entry, Exception ex) => new(Codes.NotAZip, $"The entry '{entry.FullName}' is corrupt: {ex.Message}", entry.FullName);

    private static string Excerpt(string name) => name.Length <= 200 ? name : string.Concat(name.AsSpan(0, 200), "…");

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
