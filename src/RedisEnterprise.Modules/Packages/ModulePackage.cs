using RedisEnterprise.Modules.Packages;

namespace RedisEnterprise.Modules;

/// <summary>
/// A module package (a RedisModule Packer "RAMP" zip: <c>module.json</c>, the module's <c>.so</c>, and optional
/// <c>deps/*.tgz</c>), read and checked on this machine before it is uploaded to a cluster.
/// </summary>
/// <remarks>
/// <para>Opening reads only the zip's directory and <c>module.json</c>, then lets go of the file; nothing is extracted to disk.
/// A file that is not a zip, or a damaged one, still opens (with <see cref="Metadata"/> null): <see cref="ValidateAsync(CancellationToken)"/> says what is wrong.</para>
/// <para>An instance is not thread-safe.</para>
/// </remarks>
public sealed class ModulePackage
{
    private readonly Stream? _stream;
    private readonly long _start;
    private readonly PackageLimits _limits;

    private ModulePackage(string? filePath, string fileName, Stream? stream, long start, PackageScan scan, PackageLimits limits)
    {
        FilePath = filePath;
        FileName = fileName;
        _stream = stream;
        _start = start;
        _limits = limits;
        Metadata = scan.Metadata;
        ModuleFileName = scan.ModuleFileName;
        OpeningProblems = scan.Problems;
    }

    /// <summary>The package's full path; null when it was opened from a stream.</summary>
    public string? FilePath { get; }

    /// <summary>The package's file name, e.g. <c>redisearch.Linux-ubuntu18.04-x86_64.2.2.6.zip</c>.</summary>
    public string FileName { get; }

    /// <summary>The package's <c>module.json</c>; null when the zip has none or it could not be read as a JSON object.</summary>
    public ModulePackageMetadata? Metadata { get; }

    /// <summary>The name of the module's <c>.so</c> entry in the zip (the one <c>module_file</c> names); null when there is none.</summary>
    public string? ModuleFileName { get; }

    /// <summary>Reads a module package from a file.</summary>
    /// <param name="filePath">The path of the zip.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The package; problems with its content are reported by <see cref="ValidateAsync(CancellationToken)"/>, not thrown.</returns>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static Task<ModulePackage> OpenAsync(string filePath, CancellationToken cancellationToken = default) =>
        OpenAsync(filePath, PackageLimits.Default, cancellationToken);

    /// <summary>Reads a module package from a stream that holds the zip from its current position to its end (the bytes an upload of the stream sends).</summary>
    /// <param name="stream">A readable, seekable stream. It stays the caller's: it is not disposed, its position is restored,
    /// and it must stay open for <see cref="ValidateAsync(CancellationToken)"/>, which reads the zip from the same position.</param>
    /// <param name="fileName">The package's file name, used in messages and uploads.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The package; problems with its content are reported by <see cref="ValidateAsync(CancellationToken)"/>, not thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable and seekable, or <paramref name="fileName"/> is blank.</exception>
    public static Task<ModulePackage> OpenAsync(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        OpenAsync(stream, fileName, PackageLimits.Default, cancellationToken);

    /// <summary>Reads and checks a module package file in one pass, e.g. right before uploading it.</summary>
    /// <param name="filePath">The path of the zip.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; call <see cref="ModulePackageValidation.ThrowIfInvalid"/> to stop on any.</returns>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static async Task<ModulePackageValidation> ValidateFileAsync(string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        PackageScan scan = await ScanFileAsync(filePath, PackageLimits.Default, readEveryEntry: true, cancellationToken).ConfigureAwait(false);
        return new ModulePackageValidation(Path.GetFileName(filePath), scan.Problems);
    }

    /// <summary>Reads and checks a module package held by a stream in one pass, e.g. right before uploading it.</summary>
    /// <param name="stream">A readable, seekable stream holding the zip from its current position to its end, the bytes an upload of
    /// the stream sends; it is not disposed and its position is restored.</param>
    /// <param name="fileName">The package's file name, used in messages.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; call <see cref="ModulePackageValidation.ThrowIfInvalid"/> to stop on any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable and seekable, or <paramref name="fileName"/> is blank.</exception>
    public static async Task<ModulePackageValidation> ValidateStreamAsync(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        CheckStream(stream, fileName);
        PackageScan scan = await ScanStreamAsync(stream, stream.Position, PackageLimits.Default, readEveryEntry: true, locate: false, cancellationToken).ConfigureAwait(false);
        return new ModulePackageValidation(fileName, scan.Problems);
    }

    /// <summary>
    /// Checks the package as it is now: the zip's layout and entry names, zip-bomb bounds, every value of <c>module.json</c>,
    /// every entry's data against its declared CRC-32 and sizes (inflated straight from the zip, in constant memory, and never
    /// past the size it declares), and the SHA-256 of the <c>.so</c> when <c>module.json</c> gives one.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; call <see cref="ModulePackageValidation.ThrowIfInvalid"/> to stop on any.</returns>
    /// <exception cref="FileNotFoundException">The file no longer exists.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    /// <exception cref="ObjectDisposedException">The package was opened from a stream that has since been disposed.</exception>
    public async Task<ModulePackageValidation> ValidateAsync(CancellationToken cancellationToken = default)
    {
        PackageScan scan = _stream is null
            ? await ScanFileAsync(FilePath!, _limits, readEveryEntry: true, cancellationToken).ConfigureAwait(false)
            : await ScanStreamAsync(_stream, _start, _limits, readEveryEntry: true, locate: false, cancellationToken).ConfigureAwait(false);
        return new ModulePackageValidation(FileName, scan.Problems);
    }

    /// <inheritdoc />
    public override string ToString() => Metadata is null ? FileName : $"{FileName} ({Metadata})";

    /// <summary>
    /// The problems found while opening: all of them when <see cref="Metadata"/> is null, since only a readable
    /// <c>module.json</c> gives the SHA-256 that <see cref="ValidateAsync"/> adds the hash check for.
    /// </summary>
    internal IEnumerable<ModulePackageProblem> OpeningProblems { get; }

    internal static async Task<ModulePackage> OpenAsync(string filePath, PackageLimits limits, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        string fullPath = Path.GetFullPath(filePath);
        PackageScan scan = await ScanFileAsync(fullPath, limits, readEveryEntry: false, cancellationToken).ConfigureAwait(false);
        return new ModulePackage(fullPath, Path.GetFileName(fullPath), null, 0, scan, limits);
    }

    internal static async Task<ModulePackage> OpenAsync(Stream stream, string fileName, PackageLimits limits, CancellationToken cancellationToken)
    {
        CheckStream(stream, fileName);
        long start = stream.Position;
        PackageScan scan = await ScanStreamAsync(stream, start, limits, readEveryEntry: false, locate: false, cancellationToken).ConfigureAwait(false);
        return new ModulePackage(null, fileName, stream, start, scan, limits);
    }

    /// <summary>
    /// The scan an upload starts with: the zip's structure and <c>module.json</c> from the stream's position (restored), and,
    /// when no problem was found, where each entry's data starts, to check the data from the upload's bytes as they are sent.
    /// </summary>
    internal static Task<PackageScan> ScanForUploadAsync(Stream stream, CancellationToken cancellationToken) =>
        ScanStreamAsync(stream, stream.Position, PackageLimits.Default, readEveryEntry: false, locate: true, cancellationToken);

    private static async Task<PackageScan> ScanFileAsync(string filePath, PackageLimits limits, bool readEveryEntry, CancellationToken cancellationToken)
    {
        // A deflated entry is read through an 8 KiB inflater buffer: this serves those reads from one larger read (one
        // async file read, and its allocations, per 80 KiB rather than per 8 KiB); the copy loop's 80 KiB reads bypass it.
        FileStream file = PackageFile.Open(filePath, PackageScanner.CopyBufferSize);
        await using (file.ConfigureAwait(false))
        {
            return await PackageScanner.ScanAsync(file, limits, readEveryEntry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Scans the zip the stream holds from <paramref name="start"/> to its end, as if those bytes were the whole stream (an upload sends just them).</summary>
    private static async Task<PackageScan> ScanStreamAsync(Stream stream, long start, PackageLimits limits, bool readEveryEntry, bool locate, CancellationToken cancellationToken)
    {
        long position = stream.Position;
        try
        {
            var zip = new StreamWindow(stream, start, Math.Max(0, stream.Length - start));
            PackageScan scan = await PackageScanner.ScanAsync(zip, limits, readEveryEntry, cancellationToken).ConfigureAwait(false);
            if (locate && scan.Problems.Count == 0) await PackageScanner.LocateAsync(zip, scan, cancellationToken).ConfigureAwait(false);
            return scan;
        }
        finally
        {
            stream.Position = position;
        }
    }

    private static void CheckStream(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable: a zip is read from its directory at the end. Copy it to a file or a MemoryStream first.", nameof(stream));
        }
    }
}
