using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// A package ready to go to several nodes: validated once, its <c>module.json</c> read once, and on disk once, so that each
/// node's upload streams its own reader of the same file. A caller's stream is spooled to a temporary file (deleted on
/// dispose) once, whatever the node count: the nodes' concurrent uploads cannot share one stream's position.
/// </summary>
internal sealed class PreparedPackage : IAsyncDisposable
{
    private readonly string? _spoolPath;

    private PreparedPackage(string path, string fileName, ModulePackageMetadata metadata, long version, long length, string? spoolPath, bool checkCompatibility)
    {
        CheckCompatibility = checkCompatibility;
        FilePath = path;
        FileName = fileName;
        Metadata = metadata;
        Version = version;
        Length = length;
        _spoolPath = spoolPath;
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
            return await ReadAsync(file, Path.GetFileName(filePath), Path.GetFullPath(filePath), options?.Validate ?? true, spoolPath: null, options?.CheckCompatibility ?? true, cancellationToken).ConfigureAwait(false);
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
                return await ReadAsync(spool, Path.GetFileName(fileName), spoolPath, options?.Validate ?? false, spoolPath, options?.CheckCompatibility ?? false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(spoolPath);
            throw;
        }
    }

    /// <summary>A new part reading the file from its start, for one node's upload; the part owns (and closes) its reader.</summary>
    internal ModuleFilePart OpenPart(IProgress<UploadProgress>? progress) => new(OpenRead(FilePath), FileName, progress, ownsStream: true);

    public ValueTask DisposeAsync()
    {
        if (_spoolPath is not null) File.Delete(_spoolPath);
        return ValueTask.CompletedTask;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, ModuleUploadContent.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static async Task<PreparedPackage> ReadAsync(Stream file, string fileName, string path, bool validate, string? spoolPath, bool checkCompatibility, CancellationToken cancellationToken)
    {
        ModulePackage package = await ModulePackage.OpenAsync(file, fileName, cancellationToken).ConfigureAwait(false);
        if (package.Metadata is not { } metadata) throw new ModulePackageValidationException(new ModulePackageValidation(fileName, package.OpeningProblems));
        if (validate) (await package.ValidateAsync(cancellationToken).ConfigureAwait(false)).ThrowIfInvalid();
        if (metadata.Version is not { } version)
        {
            throw new ModulePackageValidationException(new ModulePackageValidation(
                fileName,
                [new ModulePackageProblem(ModulePackageProblemCodes.ModuleVersionMissing, "module.json has no integer version, which names the package on each node of a Redis Software 8 cluster.")]));
        }

        return new PreparedPackage(path, fileName, metadata, version, file.Length, spoolPath, checkCompatibility);
    }
}
