namespace RedisEnterprise.Modules.Packages;

/// <summary>Opens a module package file for reading, for validation and for upload alike.</summary>
internal static class PackageFile
{
    /// <summary>
    /// Opens <paramref name="filePath"/> for a sequential async read. A missing folder is a missing file to the caller,
    /// so it surfaces as the <see cref="FileNotFoundException"/> the public methods document.
    /// </summary>
    internal static FileStream Open(string filePath, int bufferSize)
    {
        try
        {
            return new FileStream(filePath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = bufferSize,
            });
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"Could not find file '{filePath}'.", filePath, e);
        }
    }
}
