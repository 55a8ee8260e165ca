using System.IO.Compression;

namespace RedisEnterprise.Modules.Packages;

/// <summary>The zip calls whose async forms exist only from .NET 10; on .NET 8 they run synchronously.</summary>
internal static class ZipIo
{
    internal static Task<ZipArchive> OpenArchiveAsync(Stream stream, CancellationToken cancellationToken)
    {
#if NET10_0_OR_GREATER
        return ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true));
#endif
    }

    internal static Task<Stream> OpenEntryAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
#if NET10_0_OR_GREATER
        return entry.OpenAsync(cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(entry.Open());
#endif
    }

    internal static ValueTask DisposeAsync(ZipArchive archive)
    {
#if NET10_0_OR_GREATER
        return archive.DisposeAsync();
#else
        archive.Dispose();
        return ValueTask.CompletedTask;
#endif
    }
}
