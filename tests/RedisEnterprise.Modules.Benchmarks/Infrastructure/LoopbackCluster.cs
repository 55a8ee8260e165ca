using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that answers the module and action endpoints with canned bytes and reads
/// upload bodies into one buffer and throws them away. It allocates nothing per request (after a connection's buffer),
/// so what a benchmark's memory diagnoser counts is the client's work, not the server's.
/// </summary>
/// <remarks>
/// Requests are routed by method and path prefix only: <c>GET /v1/modules</c> lists, <c>GET /v1/modules/…</c> gets one,
/// <c>GET /v1/actions/…</c> or <c>/v2/actions/…</c> polls, any <c>POST</c> is an upload (Content-Length bodies only;
/// <c>Expect: 100-continue</c> is answered). Keep-alive, one request at a time per connection.
/// </remarks>
internal sealed class LoopbackCluster : IDisposable
{
    internal const string Username = "admin@example.com";
    internal const string Password = "bench-password";

    private const int BufferSize = 256 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private byte[] _listResponse;
    private long _uploadedBytes;

    private LoopbackCluster()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        _listResponse = Response(Payloads.List(16));
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");
    }

    internal Uri Endpoint { get; }

    /// <summary>The bytes of upload bodies received so far (the whole multipart body, framing included).</summary>
    internal long UploadedBytes => Interlocked.Read(ref _uploadedBytes);

    /// <summary>The SDK's options for a cluster at <paramref name="endpoint"/> (plain http on loopback), with the benchmark credentials.</summary>
    internal static RedisEnterpriseModulesClientOptions ClientOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        AllowInsecureHttp = true,
        Username = Username,
        Password = Password,
        ModuleManagement = ModuleManagementMode.ClusterUpload, // the 7.x upload the benchmarks time, without a detection request
    };

    /// <summary>Uploads without the package check, so the benchmarks time the transfer alone.</summary>
    internal static UploadModuleOptions NoValidation { get; } = new() { Validate = false };

    internal static LoopbackCluster Start()
    {
        var cluster = new LoopbackCluster();
        _ = cluster.AcceptLoopAsync();
        return cluster;
    }

    /// <summary>Makes <c>GET /v1/modules</c> answer with this many modules from now on.</summary>
    internal void ServeModuleList(int count) => _listResponse = Response(Payloads.List(count));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }

    private static byte[] Response(byte[] json)
    {
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {json.Length}\r\n\r\n");
        return [.. head, .. json];
    }

    private static readonly byte[] ModuleResponse = Response(Payloads.Module);
    private static readonly byte[] ActionResponse = Response(Payloads.Action);
    private static readonly byte[] UploadResponse = Response(Payloads.UploadAccepted);
    private static readonly byte[] NotFoundResponse = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

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
            byte[] buffer = new byte[BufferSize];
            int filled = 0;
            try
            {
                while (true)
                {
                    int headEnd;
                    while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        if (filled == buffer.Length) return; // a head this large is not from a client we serve
                        int read = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        if (read == 0) return;
                        filled += read;
                    }

                    int bodyStart = headEnd + 4;
                    Head head = Head.Parse(buffer.AsSpan(0, headEnd));
                    if (head.ExpectsContinue)
                    {
                        await connection.SendAsync(ContinueResponse, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                    }

                    // Discard the body: what is already buffered, then the rest straight into the same buffer.
                    long inBuffer = Math.Min(filled - bodyStart, head.ContentLength);
                    long remaining = head.ContentLength - inBuffer;
                    int consumed = bodyStart + (int)inBuffer;
                    while (remaining > 0)
                    {
                        int read = await connection.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        if (read == 0) return;
                        remaining -= read;
                        consumed = filled = 0;
                    }

                    if (head.IsPost) Interlocked.Add(ref _uploadedBytes, head.ContentLength);
                    await connection.SendAsync(ResponseTo(head), SocketFlags.None, _stop.Token).ConfigureAwait(false);

                    // Keep whatever followed this request (HttpClient does not pipeline, but be exact).
                    int left = filled - consumed;
                    if (left > 0) buffer.AsSpan(consumed, left).CopyTo(buffer);
                    filled = Math.Max(left, 0);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
            }
        }
    }

    private byte[] ResponseTo(Head head) => head.Route switch
    {
        Route.List => _listResponse,
        Route.Module => ModuleResponse,
        Route.Action => ActionResponse,
        Route.Upload => UploadResponse,
        _ => NotFoundResponse,
    };

    private enum Route
    {
        None,
        List,
        Module,
        Action,
        Upload,
    }

    /// <summary>What the server needs from a request head, read without allocating.</summary>
    private readonly record struct Head(Route Route, bool IsPost, long ContentLength, bool ExpectsContinue)
    {
        internal static Head Parse(ReadOnlySpan<byte> head)
        {
            int lineEnd = head.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> requestLine = lineEnd < 0 ? head : head[..lineEnd];
            bool isPost = requestLine.StartsWith("POST "u8);
            bool isGet = requestLine.StartsWith("GET "u8);
            ReadOnlySpan<byte> target = requestLine[(requestLine.IndexOf((byte)' ') + 1)..];
            target = target[..Math.Max(target.IndexOf((byte)' '), 0)];

            Route route = Route.None;
            if (isPost && (target.SequenceEqual("/v1/modules"u8) || target.SequenceEqual("/v2/modules"u8))) route = Route.Upload;
            else if (isGet && target.SequenceEqual("/v1/modules"u8)) route = Route.List;
            else if (isGet && target.StartsWith("/v1/modules/"u8)) route = Route.Module;
            else if (isGet && (target.StartsWith("/v1/actions/"u8) || target.StartsWith("/v2/actions/"u8))) route = Route.Action;

            long contentLength = 0;
            bool expectsContinue = false;
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
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    throw new IOException("chunked request bodies are not served here: every client measured sends Content-Length");
                }
            }

            return new Head(route, isPost, contentLength, expectsContinue);
        }
    }
}
