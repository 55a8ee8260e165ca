using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Takes the package out of an upload request, <c>multipart/form-data</c> with the zip in the part named <c>module</c>
/// (as <c>curl -F module=@file.zip</c> sends it): streamed to a temporary file that is deleted when closed, so a
/// package of any size never sits in memory.
/// </summary>
internal static class ModuleUploadReader
{
    /// <summary>The package, open and at its start (the caller disposes it, which deletes the file), or the <c>no_module</c> error.</summary>
    internal static async Task<(FileStream? Package, ClusterError? Error)> SpoolAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? mediaType)
            || !mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return NoModule("The request is not multipart/form-data, so it holds no module.");
        }

        string boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        if (boundary.Length == 0) return NoModule("The request's Content-Type names no multipart boundary.");

        var reader = new MultipartReader(boundary, request.Body);
        FileStream? package = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!IsModulePart(section)) continue;
                package = CreateSpoolFile();
                await section.Body.CopyToAsync(package, cancellationToken).ConfigureAwait(false);
                if (package.Length == 0) return Discard(package, "The part named 'module' is empty.");
                package.Position = 0;
                return (package, null);
            }

            return NoModule("The request has no part named 'module'.");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // The body ended before the part's closing delimiter (a truncated upload), or it is not well-formed multipart.
            return Discard(package, $"The multipart body is incomplete or malformed: {e.Message}");
        }
    }

    private static bool IsModulePart(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
        && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("module", StringComparison.Ordinal);

    private static FileStream CreateSpoolFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(Path.GetTempPath(), $"fake-cluster-upload-{Guid.NewGuid():N}.zip"), options);
    }

    private static (FileStream?, ClusterError?) Discard(FileStream? package, string message)
    {
        package?.Dispose();
        return NoModule(message);
    }

    private static (FileStream?, ClusterError?) NoModule(string message) => (null, new ClusterError(400, "no_module", message));
}
