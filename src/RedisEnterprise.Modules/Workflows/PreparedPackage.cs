using System.Buffers;
using RedisEnterprise.Modules.Packages;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// A package ready to go to several nodes: its structure and <c>module.json</c> read once, and on disk once, so that each
/// node's upload streams its own reader of the same file. A caller's stream is spooled to a temporary file (deleted on
/// dispose) once, whatever the node count: the nodes' concurrent uploads cannot share one stream's position. The entries'
/// data is checked once for all nodes, by one more reader of the file started with the first upload and running beside
/// the uploads; each node's body ends only once that check has passed.
/// </summary>
internal sealed class PreparedPackage : IAsyncDisposable
{
    private readonly string? _spoolPath;
    private readonly SequentialCheck? _check;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _verdictLock = new();
    private Task<List<ModulePackageProblem>>? _verdict;

    private PreparedPackage(string path, string fileName, ModulePackageMetadata metadata, long version, long length, string? spoolPath, SequentialCheck? check, bool checkCompatibility)
    {
        CheckCompatibility = checkCompatibility;
        FilePath = path;
        FileName = fileName;
        Metadata = metadata;
        Version = version;
        Length = length;
        _spoolPath = spoolPath;
        _check = check;
    }

    internal string FilePath { get; }

    internal string FileName { get; }

    internal ModulePackageMetadata Metadata { get; }

    /// <summary>The integer <c>version</c> that names the package on a node (<c>/artifacts/{module_name}/{version}</c>).</summary>
    internal long Version { get; }

    internal long Length { get; }

    /// <summary>Whether an upload checks the package against the cluster first (<see cref="UploadModuleOptions.CheckCompatibility"/>, by default on for a file, off for a stream).</summary>
    internal bool CheckCompatibility { get; }

    /// <summary>The module's name and version, for messages.</summary>
    internal string Describe() => Metadata.ToString();

    /// <summary>Reads a package file; validates it unless <see cref="UploadModuleOptions.Validate"/> is false.</summary>
    internal static async Task<PreparedPackage> FromFileAsync(string filePath, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        FileStream file = OpenRead(filePath);
        await using (file.ConfigureAwait(false))
        {
            return await ReadAsync(file, Path.GetFileName(filePath), Path.GetFullPath(filePath), UploadModuleOptions.Validates(options, fromPath: true), spoolPath: null, UploadModuleOptions.ChecksCompatibility(options, fromPath: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Spools a caller's stream to a temporary file, then reads it; validates it only when <see cref="UploadModuleOptions.Validate"/> is true.</summary>
    internal static async Task<PreparedPackage> FromStreamAsync(Stream content, string fileName, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        FileStream spool = SpoolFolder.Create(ModuleUploadContent.BufferSize, severalReaders: true);
        string spoolPath = spool.Name;
        try
        {
            await using (spool.ConfigureAwait(false))
            {
                await content.CopyToAsync(spool, ModuleUploadContent.BufferSize, cancellationToken).ConfigureAwait(false);
                spool.Position = 0;
                return await ReadAsync(spool, Path.GetFileName(fileName), spoolPath, UploadModuleOptions.Validates(options, fromPath: false), spoolPath, UploadModuleOptions.ChecksCompatibility(options, fromPath: false), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(spoolPath);
            throw;
        }
    }

    /// <summary>A new part reading the file from its start, for one node's upload; the part owns (and closes) its reader.</summary>
    internal ModuleFilePart OpenPart(IProgress<UploadProgress>? progress) =>
        new(OpenRead(FilePath), FileName, progress, ownsStream: true) { Check = _check is null ? null : UploadCheck.Shared(FileName, Verdict) };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? verdict;
        lock (_verdictLock) verdict = _verdict;
        if (verdict is not null)
        {
            try
            {
                await verdict.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The check stopped with the install, or failed; either way its outcome went to the uploads that waited for it.
            }
        }

        _stop.Dispose();
        if (_spoolPath is not null) File.Delete(_spoolPath);
    }

    /// <summary>The problems in the entries' data, checked once for every node; the check starts with the first upload that asks.</summary>
    private Task<List<ModulePackageProblem>> Verdict()
    {
        lock (_verdictLock) return _verdict ??= Task.Run(() => CheckFileAsync(_check!, _stop.Token));
    }

    private async Task<List<ModulePackageProblem>> CheckFileAsync(SequentialCheck check, CancellationToken cancellationToken)
    {
        FileStream file = OpenRead(FilePath);
        await using (file.ConfigureAwait(false))
        {
            PackagePass pass = new(check);
            await using (pass.ConfigureAwait(false))
            {
                while (true)
                {
                    byte[] block = ArrayPool<byte>.Shared.Rent(ModuleUploadContent.BufferSize);
                    int read;
                    try
                    {
                        read = await file.ReadAsync(block.AsMemory(0, ModuleUploadContent.BufferSize), cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(block);
                        throw;
                    }

                    if (read == 0)
                    {
                        ArrayPool<byte>.Shared.Return(block);
                        return await pass.FinishAsync().ConfigureAwait(false);
                    }

                    await pass.AddAsync(block, read, cancellationToken).ConfigureAwait(false);
                    if (pass.HasFailed) return await pass.FinishAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, ModuleUploadContent.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static async Task<PreparedPackage> ReadAsync(Stream file, string fileName, string path, bool validate, string? spoolPath, bool checkCompatibility, CancellationToken cancellationToken)
    {
        PackageScan scan = await ModulePackage.ScanForUploadAsync(file, cancellationToken).ConfigureAwait(false);
        SequentialCheck? check = validate ? await SequentialCheck.PrepareAsync(file, fileName, scan, cancellationToken).ConfigureAwait(false) : null;

        if (scan.Metadata is not { } metadata) throw new ModulePackageValidationException(new ModulePackageValidation(fileName, scan.Problems));
        if (metadata.Version is not { } version)
        {
            throw new ModulePackageValidationException(new ModulePackageValidation(
                fileName,
                [new ModulePackageProblem(ModulePackageProblemCodes.ModuleVersionMissing, "module.json has no integer version, which names the package on each node of a Redis Software 8 cluster.")]));
        }

        return new PreparedPackage(path, fileName, metadata, version, file.Length, spoolPath, check, checkCompatibility);
    }
}
