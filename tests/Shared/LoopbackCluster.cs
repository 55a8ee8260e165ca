// The one loopback upload sink: answers like a cluster from canned bytes and reads every upload through one buffer and
// throws it away, allocating nothing per request; used by the upload tests, the benchmarks and tests/perf/compare-upload.sh.
using System.Buffers.Text;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RedisEnterprise.Modules.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (plain, or TLS with a given certificate). WireMock keeps whole bodies in
/// memory and allocates per request; this server does neither, so a test or a benchmark measures the client alone.
/// </summary>
/// <remarks>
/// Routed by method and path: <c>GET /v1/modules</c> lists, <c>GET /v1/modules/…</c> gets one, <c>GET /v1|v2/actions/…</c>
/// polls, <c>GET /v1/nodes</c>, <c>GET /v1/cluster</c>, <c>GET /v1/bdbs</c>, <c>GET /v1/bdbs/…</c> and a node's <c>GET /v2/local/modules/user-defined/artifacts</c>
/// answer what <see cref="Serve"/> gave them (404 until then), <c>POST /v1|v2/modules</c> and a node's
/// <c>POST /v2/local/modules/user-defined/artifacts</c> upload (Content-Length bodies; <c>Expect: 100-continue</c> is
/// answered; a body without a part named <c>module</c> gets 400). A request without Basic credentials gets 401. Keep-alive, one request
/// at a time per connection. It can stall an upload after some bytes, to test cancellation and timeouts.
/// </remarks>
internal sealed class LoopbackCluster : IDisposable
{
    /// <summary>The routes the server answers.</summary>
    internal enum Route
    {
        None,
        List,
        Module,
        Action,
        Upload,
        Nodes,
        Cluster,
        Artifacts,
        Databases,
        Database,
    }

    private const int BodyStartBytes = 8 * 1024; // far more than a part's headers

    private static readonly byte[] NotFoundResponse = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private static readonly byte[] UnauthorizedResponse = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private static readonly byte[] NoModuleResponse = Response("""{"error_code":"no_module","message":"Module file is missing"}"""u8, 400, "Bad Request");
    private static readonly byte[] ContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly Socket _listener;
    private readonly X509Certificate2? _certificate;
    private readonly int _bufferSize;
    private readonly long _stallAfterBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _uploadBytesArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[][] _answers = new byte[Enum.GetValues<Route>().Length][];
    private long _uploadedBytes;
    private long _lastUploadFileBytes = -1;
    private string? _lastUploadSha256;

    private LoopbackCluster(X509Certificate2? certificate, int bufferSize, long stallAfterBytes)
    {
        _certificate = certificate;
        _bufferSize = bufferSize;
        _stallAfterBytes = stallAfterBytes;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Endpoint = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");
        Serve(Route.List, """[{"uid":"98f255d5d33704c8e4e97897fd92e32d","module_name":"bench"}]"""u8.ToArray());
        Serve(Route.Module, """{"uid":"98f255d5d33704c8e4e97897fd92e32d","module_name":"bench"}"""u8.ToArray());
        Serve(Route.Action, """{"action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","status":"completed","progress":100}"""u8.ToArray());
        Serve(Route.Upload, """{"uid":"98f255d5d33704c8e4e97897fd92e32d","action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","module_name":"bench","semantic_version":"1.0.0","version":10000}"""u8.ToArray());
    }

    internal Uri Endpoint { get; }

    /// <summary>Completes when an upload has stalled at the <c>stallAfterBytes</c> given to <see cref="Start"/>.</summary>
    internal Task Stalled => _stalled.Task;

    /// <summary>Completes once the first bytes of an upload body have been received (<see cref="UploadedBytes"/> is above 0).</summary>
    internal Task UploadBytesArrived => _uploadBytesArrived.Task;

    /// <summary>The bytes of upload bodies received so far (the whole multipart body, framing included).</summary>
    internal long UploadedBytes => Interlocked.Read(ref _uploadedBytes);

    /// <summary>The last upload's file bytes: its body's length minus the multipart framing; -1 if the body was not one multipart part.</summary>
    internal long LastUploadFileBytes => Interlocked.Read(ref _lastUploadFileBytes);

    /// <summary>Whether to hash each upload's file bytes (<see cref="LastUploadSha256"/>); off by default, as it costs the server time.</summary>
    internal bool HashUploads { get; set; }

    /// <summary>The SHA-256 (lower-case hex) of the last upload's file bytes, with <see cref="HashUploads"/>; null before.</summary>
    internal string? LastUploadSha256 => Volatile.Read(ref _lastUploadSha256);

    /// <summary>
    /// Reads each upload's body no faster than this many bytes a second, as a link to a cluster elsewhere would carry it
    /// (125,000,000 for 1 Gbit/s); <see langword="null"/>, the default, reads as fast as loopback goes.
    /// </summary>
    internal long? UploadBytesPerSecond { get; set; }

    /// <summary>Called after each upload is read, before it is answered (from the connection's task).</summary>
    internal Action<UploadReceived>? OnUpload { get; set; }

    /// <summary>Starts listening on a free loopback port.</summary>
    /// <param name="certificate">Serve TLS with this certificate; plain HTTP when <see langword="null"/>.</param>
    /// <param name="bufferSize">The bytes read at a time; an upload stalls at a multiple of it.</param>
    /// <param name="stallAfterBytes">Stop reading an upload's body once this many of its bytes have come.</param>
    internal static LoopbackCluster Start(X509Certificate2? certificate = null, int bufferSize = 256 * 1024, long stallAfterBytes = long.MaxValue)
    {
        var cluster = new LoopbackCluster(certificate, bufferSize, stallAfterBytes);
        _ = cluster.AcceptLoopAsync();
        return cluster;
    }

    /// <summary>Makes <paramref name="route"/> answer 200 with this JSON from now on.</summary>
    internal void Serve(Route route, byte[] json) => Volatile.Write(ref _answers[(int)route], Response(json, 200, "OK"));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }

    private static byte[] Response(ReadOnlySpan<byte> json, int status, string reason)
    {
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {json.Length}\r\n\r\n");
        return [.. head, .. json];
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
                connection.NoDelay = true;
                _ = ServeAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                Stream stream = new NetworkStream(connection, ownsSocket: false);
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token).ConfigureAwait(false);
                    stream = tls;
                }

                await using (stream.ConfigureAwait(false))
                {
                    await ServeRequestsAsync(stream).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException or System.Security.Authentication.AuthenticationException)
            {
            }
        }
    }

    private async Task ServeRequestsAsync(Stream stream)
    {
        byte[] buffer = new byte[_bufferSize];
        byte[] bodyStart = new byte[BodyStartBytes];
        byte[] boundary = new byte[256];
        int filled = 0;
        while (true)
        {
            int headEnd;
            while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (filled == buffer.Length) return; // a head this large is not from a client we serve
                int read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                if (read == 0) return;
                filled += read;
            }

            Head head = Head.Parse(buffer.AsSpan(0, headEnd), boundary);
            string? target = OnUpload is null || head.Route != Route.Upload ? null : Encoding.ASCII.GetString(head.Target(buffer)); // the body overwrites the head
            if (head.ExpectsContinue && head.Authorized)
            {
                await stream.WriteAsync(ContinueResponse, _stop.Token).ConfigureAwait(false);
            }

            // Read the body through the same buffer, keeping only its opening (the multipart framing) aside.
            int bodyAt = headEnd + 4;
            long inBuffer = Math.Min(filled - bodyAt, head.ContentLength);
            int kept = Keep(bodyStart, 0, buffer.AsSpan(bodyAt, (int)inBuffer));
            int consumed = bodyAt + (int)inBuffer;
            long bodyRead = inBuffer;
            bool counted = head.Route == Route.Upload && head.Authorized;
            if (counted) CountUploaded(inBuffer);
            using FileHash? hash = counted && HashUploads ? new FileHash(head.ContentLength - ClosingLength(head.BoundaryLength), boundary.AsSpan(0, head.BoundaryLength)) : null;
            hash?.Add(bodyStart.AsSpan(0, kept), buffer.AsSpan(bodyAt, (int)inBuffer));
            long bodyStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            while (bodyRead < head.ContentLength)
            {
                if (counted && UploadBytesPerSecond is { } rate)
                {
                    TimeSpan ahead = TimeSpan.FromSeconds((double)bodyRead / rate) - System.Diagnostics.Stopwatch.GetElapsedTime(bodyStarted);
                    if (ahead > TimeSpan.FromMilliseconds(2)) await Task.Delay(ahead, _stop.Token).ConfigureAwait(false);
                }

                if (bodyRead >= _stallAfterBytes)
                {
                    _stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                }

                int read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, head.ContentLength - bodyRead)), _stop.Token).ConfigureAwait(false);
                if (read == 0) return;
                kept = Keep(bodyStart, kept, buffer.AsSpan(0, read));
                hash?.Add(bodyStart.AsSpan(0, kept), buffer.AsSpan(0, read));
                bodyRead += read;
                if (counted) CountUploaded(read); // as it comes, so a body cut short shows how far it got
                consumed = filled = 0;
            }

            byte[] answer = head.Authorized ? Volatile.Read(ref _answers[(int)head.Route]) ?? NotFoundResponse : UnauthorizedResponse;
            if (head.Route == Route.Upload && head.Authorized)
            {
                ReadOnlySpan<byte> opening = bodyStart.AsSpan(0, kept);
                int framing = FramingLength(opening, boundary.AsSpan(0, head.BoundaryLength));
                Interlocked.Exchange(ref _lastUploadFileBytes, framing < 0 ? -1 : head.ContentLength - framing - ClosingLength(head.BoundaryLength));
                if (hash is not null) Volatile.Write(ref _lastUploadSha256, hash.Result());
                bool hasModulePart = framing >= 0 && (opening[..framing].IndexOf("name=\"module\""u8) >= 0 || opening[..framing].IndexOf("name=module"u8) >= 0);
                OnUpload?.Invoke(new UploadReceived(target ?? string.Empty, head.ContentLength, hasModulePart, head.ExpectsContinue));
                if (!hasModulePart) answer = NoModuleResponse;
            }

            await stream.WriteAsync(answer, _stop.Token).ConfigureAwait(false);

            // Keep whatever followed this request (HttpClient does not pipeline, but be exact).
            int left = filled - consumed;
            if (left > 0) buffer.AsSpan(consumed, left).CopyTo(buffer);
            filled = Math.Max(left, 0);
        }
    }

    private void CountUploaded(long bytes)
    {
        if (Interlocked.Add(ref _uploadedBytes, bytes) > 0) _uploadBytesArrived.TrySetResult();
    }

    private static int Keep(byte[] bodyStart, int kept, ReadOnlySpan<byte> read)
    {
        int more = Math.Min(read.Length, bodyStart.Length - kept);
        read[..more].CopyTo(bodyStart.AsSpan(kept));
        return kept + more;
    }

    /// <summary>The length of "--boundary CRLF part headers CRLF CRLF" at the body's start; -1 if the body does not start so.</summary>
    private static int FramingLength(ReadOnlySpan<byte> opening, ReadOnlySpan<byte> boundary)
    {
        if (boundary.IsEmpty || !opening.StartsWith("--"u8) || !opening[2..].StartsWith(boundary) || !opening[(2 + boundary.Length)..].StartsWith("\r\n"u8)) return -1;
        int end = opening.IndexOf("\r\n\r\n"u8);
        return end < 0 ? -1 : end + 4;
    }

    /// <summary>CRLF --boundary-- CRLF after the file's bytes.</summary>
    private static int ClosingLength(int boundaryLength) => 2 + 2 + boundaryLength + 2 + 2;

    /// <summary>The request target without its query (the SDK asks for the databases' <c>?fields=</c>; the answer is the same).</summary>
    private static ReadOnlySpan<byte> PathOf(ReadOnlySpan<byte> target) => target.IndexOf((byte)'?') is int query and >= 0 ? target[..query] : target;

    /// <summary>Hashes the file bytes of one multipart body as it is read: from the end of the part's headers to the closing delimiter.</summary>
    private sealed class FileHash(long fileEnd, ReadOnlySpan<byte> boundary) : IDisposable
    {
        private readonly System.Security.Cryptography.IncrementalHash _hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        private readonly byte[] _boundary = boundary.ToArray();
        private long _fileStart = -1;
        private long _offset;

        /// <summary>Adds the next bytes of the body; <paramref name="opening"/> is the body's start kept so far, to find where the file starts.</summary>
        internal void Add(ReadOnlySpan<byte> opening, ReadOnlySpan<byte> bytes)
        {
            if (_fileStart < 0) _fileStart = FramingLength(opening, _boundary);
            if (_fileStart >= 0)
            {
                long from = Math.Max(_fileStart, _offset), to = Math.Min(fileEnd, _offset + bytes.Length);
                if (to > from) _hash.AppendData(bytes.Slice((int)(from - _offset), (int)(to - from)));
            }

            _offset += bytes.Length;
        }

        internal string Result() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }

    /// <summary>What the server needs from a request head, read without allocating.</summary>
    private readonly record struct Head(Route Route, long ContentLength, bool ExpectsContinue, bool Authorized, int BoundaryLength, int TargetStart, int TargetLength)
    {
        internal ReadOnlySpan<byte> Target(byte[] buffer) => buffer.AsSpan(TargetStart, TargetLength);

        internal static Head Parse(ReadOnlySpan<byte> head, Span<byte> boundary)
        {
            int lineEnd = head.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> requestLine = lineEnd < 0 ? head : head[..lineEnd];
            bool isPost = requestLine.StartsWith("POST "u8);
            bool isGet = requestLine.StartsWith("GET "u8);
            int targetStart = requestLine.IndexOf((byte)' ') + 1;
            ReadOnlySpan<byte> target = requestLine[targetStart..];
            target = target[..Math.Max(target.IndexOf((byte)' '), 0)];

            Route route = Route.None;
            if (isPost && (target.SequenceEqual("/v1/modules"u8) || target.SequenceEqual("/v2/modules"u8) || target.SequenceEqual("/v2/local/modules/user-defined/artifacts"u8))) route = Route.Upload;
            else if (isGet && target.SequenceEqual("/v1/modules"u8)) route = Route.List;
            else if (isGet && target.StartsWith("/v1/modules/"u8)) route = Route.Module;
            else if (isGet && (target.StartsWith("/v1/actions/"u8) || target.StartsWith("/v2/actions/"u8))) route = Route.Action;
            else if (isGet && target.SequenceEqual("/v1/nodes"u8)) route = Route.Nodes;
            else if (isGet && target.SequenceEqual("/v1/cluster"u8)) route = Route.Cluster;
            else if (isGet && target.SequenceEqual("/v2/local/modules/user-defined/artifacts"u8)) route = Route.Artifacts;
            else if (isGet && PathOf(target).SequenceEqual("/v1/bdbs"u8)) route = Route.Databases;
            else if (isGet && target.StartsWith("/v1/bdbs/"u8)) route = Route.Database;

            long contentLength = 0;
            bool expectsContinue = false;
            bool authorized = false;
            int boundaryLength = 0;
            ReadOnlySpan<byte> rest = lineEnd < 0 ? default : head[(lineEnd + 2)..];
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOf("\r\n"u8);
                ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 2)..];
                int colon = line.IndexOf((byte)':');
                if (colon <= 0) continue;
                ReadOnlySpan<byte> name = line[..colon];
                ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    if (!Utf8Parser.TryParse(value, out contentLength, out _)) throw new IOException("unreadable Content-Length");
                }
                else if (Ascii.EqualsIgnoreCase(name, "Expect"u8))
                {
                    expectsContinue = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Authorization"u8))
                {
                    authorized = value.StartsWith("Basic "u8);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8) && value.IndexOf("boundary="u8) is int at and >= 0)
                {
                    ReadOnlySpan<byte> given = value[(at + "boundary=".Length)..];
                    int semicolon = given.IndexOf((byte)';');
                    given = (semicolon < 0 ? given : given[..semicolon]).Trim((byte)'"');
                    boundaryLength = Math.Min(given.Length, boundary.Length);
                    given[..boundaryLength].CopyTo(boundary);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    throw new IOException("chunked request bodies are not served here: every client measured sends Content-Length");
                }
            }

            return new Head(route, contentLength, expectsContinue, authorized, boundaryLength, targetStart, target.Length);
        }
    }
}
