namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Checks a package's entries from one forward pass over the zip's bytes, such as an upload's body as it is sent: each
/// entry's data is read, where the pass reaches it, through the same checks as <see cref="ModulePackage.ValidateAsync"/>
/// (CRC-32 and sizes, deflated data inflated on the way, the <c>.so</c>'s SHA-256).
/// </summary>
internal sealed class SequentialCheck
{
    private readonly EntryCheck[] _entries;

    private SequentialCheck(string fileName, ModulePackageMetadata? metadata, EntryCheck[] entries)
    {
        FileName = fileName;
        Metadata = metadata;
        _entries = entries;
    }

    internal string FileName { get; }

    internal ModulePackageMetadata? Metadata { get; }

    /// <summary>
    /// The check of a scan whose entries are located (<see cref="PackageScanner.LocateAsync"/>); <see langword="null"/> when two
    /// entries' data overlap, which one forward pass cannot read.
    /// </summary>
    private static SequentialCheck? For(string fileName, PackageScan scan)
    {
        EntryCheck[] ordered = [.. scan.EntriesToRead.OrderBy(e => e.DataStart)];
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].DataStart < ordered[i - 1].DataStart + ordered[i - 1].Entry.CompressedLength) return null;
        }

        return new SequentialCheck(fileName, scan.Metadata, ordered);
    }

    /// <summary>
    /// Throws every problem <see cref="ModulePackage.ValidateStreamAsync"/> reports when <paramref name="scan"/> (of
    /// <see cref="ModulePackage.ScanForUploadAsync"/>) found one; otherwise returns the check of the entries' data to run on one
    /// pass over the zip, or <see langword="null"/> when that data was checked here already (entries whose data overlap).
    /// </summary>
    internal static async Task<SequentialCheck?> PrepareAsync(Stream seekable, string fileName, PackageScan scan, CancellationToken cancellationToken)
    {
        SequentialCheck? check = scan.Problems.Count == 0 ? For(fileName, scan) : null;
        if (check is not null) return check;

        // A broken package is refused before any upload, with every problem the full check finds.
        (await ModulePackage.ValidateStreamAsync(seekable, fileName, cancellationToken).ConfigureAwait(false)).ThrowIfInvalid();
        return null;
    }

    /// <summary>Every problem found in the entries' data; the pass may end early (then the entries it did not reach are reported as truncated).</summary>
    internal async Task<List<ModulePackageProblem>> CheckAsync(BlockStream pass, CancellationToken cancellationToken)
    {
        var problems = new List<ModulePackageProblem>();
        foreach (EntryCheck check in _entries)
        {
            await pass.SkipToAsync(check.DataStart, cancellationToken).ConfigureAwait(false);
            var data = new StreamWindow(pass, check.DataStart, check.Entry.CompressedLength);
            await PackageScanner.CheckEntryAsync(() => Task.FromResult(ZipEntryContent.Open(data, check.Entry)), check, problems, cancellationToken).ConfigureAwait(false);
        }

        return problems;
    }
}
