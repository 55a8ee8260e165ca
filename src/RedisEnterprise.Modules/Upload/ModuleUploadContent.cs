using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using RedisEnterprise.Modules.Packages;

namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// The <c>module</c> part of an upload: streams the file with a pooled buffer (never the whole file in memory),
/// declares its length so the request carries <c>Content-Length</c> rather than chunks, and reports progress.
/// </summary>
internal sealed class ModuleUploadContent : HttpContent
{
    internal const string PartName = "module";
    internal const string MediaType = "application/zip";
    internal const int BufferSize = 128 * 1024;

    private readonly Stream _source;
    private readonly long _start;
    private readonly long _length;
    private readonly bool _ownsSource;
    private readonly IProgress<UploadProgress>? _progress;
    private readonly StallWatch? _stall;
    private readonly UploadCheck? _check;

    internal ModuleUploadContent(Stream seekableSource, string fileName, IProgress<UploadProgress>? progress, bool ownsSource, StallWatch? stall = null, UploadCheck? check = null)
    {
        _stall = stall;
        _check = check;
        _source = seekableSource;
        _start = seekableSource.Position;
        _length = seekableSource.Length - _start;
        _ownsSource = ownsSource;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
        {
            Name = Quote(PartName),
            FileName = Quote(SafeFileName(fileName)),
        };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _source.Position = _start; // a resend (e.g. after a 100-continue timeout) starts over
        var reporter = new ProgressReporter(_progress, _length);
        if (_check is not null)
        {
            await SendCheckedAsync(stream, _check, reporter, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await _source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                reporter.Add(read);
                _stall?.Restart();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        reporter.Complete();
    }

    /// <summary>
    /// Sends the file as the other loop does, each block rented anew: after it is written it goes to the check (which returns
    /// it to the pool), so the check reads exactly the bytes sent, beside the sending. The last block is written only once the
    /// verdict is in; a package that fails ends the body short (the request is aborted) and nothing whole reaches the cluster.
    /// </summary>
    private async Task SendCheckedAsync(Stream stream, UploadCheck check, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        PackagePass? pass = check.StartPass();
        try
        {
            long left = _length;
            while (left > 0)
            {
                byte[]? block = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read = await _source.ReadAsync(block.AsMemory(0, (int)Math.Min(BufferSize, left)), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break; // shorter than when the upload began: the check says so below, and the transport refuses a short body
                    left -= read;
                    bool last = left == 0;
                    // A check that has failed already takes no more bytes: only the last block is still to be checked.
                    if (last) await FinishCheckAsync(check, pass, block.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    else if (check.HasFailed(pass)) await FinishCheckAsync(check, pass, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);

                    await stream.WriteAsync(block.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    if (!last && pass is not null)
                    {
                        await pass.AddAsync(block, read, cancellationToken).ConfigureAwait(false);
                        block = null; // the pass returns it
                    }

                    reporter.Add(read);
                    _stall?.Restart();
                }
                finally
                {
                    if (block is not null) ArrayPool<byte>.Shared.Return(block);
                }
            }

            if (left > 0) await FinishCheckAsync(check, pass, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (pass is not null) await pass.DisposeAsync().ConfigureAwait(false);
        }

        reporter.Complete();
    }

    /// <summary>
    /// Hands <paramref name="lastBytes"/> (a copy: the block is still to be written) to <paramref name="pass"/> and waits for the
    /// verdict, throwing when it names problems. The stall watch is paused meanwhile: no byte moves while the check finishes
    /// (on Redis Software 8 every node's upload waits for one shared check), yet the connection is not stalled. The caller's
    /// token and <see cref="RedisEnterpriseModulesClientOptions.UploadTimeout"/> (when set) end the wait; the check itself is
    /// local work over the file, and the watch counts again for the last block and the answer.
    /// </summary>
    private async Task FinishCheckAsync(UploadCheck check, PackagePass? pass, ReadOnlyMemory<byte> lastBytes, CancellationToken cancellationToken)
    {
        _stall?.Pause();
        if (pass is not null && !lastBytes.IsEmpty)
        {
            byte[] copy = ArrayPool<byte>.Shared.Rent(lastBytes.Length);
            lastBytes.Span.CopyTo(copy);
            await pass.AddAsync(copy, lastBytes.Length, cancellationToken).ConfigureAwait(false);
        }

        await check.ThrowIfInvalidAsync(pass, cancellationToken).ConfigureAwait(false);
        _stall?.Restart();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsSource) _source.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>A file name that cannot break the part's header: no quotes, backslashes or control characters; non-ASCII is encoded by the header itself.</summary>
    internal static string SafeFileName(string fileName)
    {
        string name = Path.GetFileName(fileName.Replace('\\', '/'));
        Span<char> chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            chars[i] = c is '"' or '\\' || char.IsControl(c) ? '_' : c;
        }

        string safe = new string(chars).Trim();
        return safe.Length == 0 ? "module.zip" : safe;
    }

    private static string Quote(string value) => "\"" + value + "\"";

    /// <summary>Reports at most every 1% (or 1 MiB for small files), always the final total, never backwards.</summary>
    private struct ProgressReporter(IProgress<UploadProgress>? progress, long total)
    {
        private readonly long _step = Math.Max(total / 100, 1024 * 1024);
        private long _sent;
        private long _reported;

        public void Add(int bytes)
        {
            _sent += bytes;
            if (progress is not null && _sent - _reported >= _step && _sent < total)
            {
                _reported = _sent;
                progress.Report(new UploadProgress(_sent, total));
            }
        }

        public void Complete() => progress?.Report(new UploadProgress(_sent, total));
    }
}
