using RedisEnterprise.Modules.Packages;
using Refit;

namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// The Refit stream part for an upload. Its content is <see cref="ModuleUploadContent"/>, whose headers are set
/// in full (plain <c>filename=</c>, no <c>filename*=</c>), so the multipart body keeps them as they are.
/// </summary>
internal sealed class ModuleFilePart : StreamPart
{
    private readonly IProgress<UploadProgress>? _progress;
    private readonly bool _ownsStream;

    internal ModuleFilePart(Stream seekableStream, string fileName, IProgress<UploadProgress>? progress, bool ownsStream)
        : base(seekableStream, fileName, ModuleUploadContent.MediaType, ModuleUploadContent.PartName)
    {
        _progress = progress;
        _ownsStream = ownsStream;
    }

    /// <summary>The upload's stall watch, told of each block written to the wire; <see langword="null"/> for none.</summary>
    internal StallWatch? Stall { get; set; }

    /// <summary>The check of the package run while it is sent; <see langword="null"/> for none.</summary>
    internal UploadCheck? Check { get; set; }

    protected override HttpContent CreateContent() => new ModuleUploadContent(Value, FileName, _progress, _ownsStream, Stall, Check);

    /// <summary>
    /// Opens a module for upload: a file, or a caller's stream. A stream that cannot seek is first spooled to a
    /// temporary file private to its owner (<see cref="SpoolFolder"/>, deleted when the upload ends), never to memory, so the length is known up front.
    /// </summary>
    internal static async Task<ModuleFilePart> OpenAsync(Stream content, string fileName, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        if (content.CanSeek) return new ModuleFilePart(content, fileName, progress, ownsStream: false);

        FileStream spool = SpoolFolder.Create(ModuleUploadContent.BufferSize);
        try
        {
            await content.CopyToAsync(spool, ModuleUploadContent.BufferSize, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return new ModuleFilePart(spool, fileName, progress, ownsStream: true);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static ModuleFilePart OpenFile(string filePath, IProgress<UploadProgress>? progress)
    {
        FileStream file = PackageFile.Open(filePath, ModuleUploadContent.BufferSize);
        return new ModuleFilePart(file, Path.GetFileName(filePath), progress, ownsStream: true);
    }

    /// <summary>Releases the spooled or opened file; a caller's stream is left alone.</summary>
    internal ValueTask ReleaseAsync() => _ownsStream ? Value.DisposeAsync() : ValueTask.CompletedTask;
}
