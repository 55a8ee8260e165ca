using System.Net.Sockets;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// A tiny HTTP/1.1 server on loopback, scripted byte by byte per connection, for what WireMock cannot do: reset a
/// connection, stall half-way, break the chunked framing, close without a word, and show the raw request line and
/// headers as they came off the socket. Each connection runs the script.
/// </summary>
internal sealed class RawServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RawConnection> _connections = [];

    private RawServer(TcpListener listener, Func<RawConnection, Task> script)
    {
        _listener = listener;
        _script = script;
    }

    internal int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    internal Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>The connections accepted so far, in order.</summary>
    internal IReadOnlyList<RawConnection> Connections
    {
        get
        {
            lock (_connections) return [.. _connections];
        }
    }

    /// <summary>Every request read so far, across connections.</summary>
    internal IReadOnlyList<RawRequest> Requests => [.. Connections.SelectMany(c => c.Requests)];

    /// <summary>Starts listening on a free loopback port (or the given one) and runs <paramref name="script"/> for each connection.</summary>
    internal static RawServer Start(Func<RawConnection, Task> script, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var server = new RawServer(listener, script);
        _ = server.AcceptLoopAsync();
        return server;
    }

    /// <summary>A server that answers every request with <paramref name="respond"/>, keeping connections alive.</summary>
    internal static RawServer Answering(Func<RawRequest, RawResponse> respond, int port = 0) => Start(c => c.ServeAsync(respond), port);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                RawConnection connection;
                lock (_connections)
                {
                    connection = new RawConnection(client, _stop.Token);
                    _connections.Add(connection);
                }

                _ = connection.RunAsync(_script);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (RawConnection connection in Connections) connection.Abort();
        _stop.Dispose();
    }
}

/// <summary>A request as it came off the socket: the head in Latin-1 (each byte one char), and the body's bytes.</summary>
internal sealed record RawRequest(string Head, byte[] Body)
{
    internal string RequestLine => Head.Split("\r\n")[0];

    internal string Method => RequestLine.Split(' ')[0];

    /// <summary>The request target between the method and the version, exactly as sent.</summary>
    internal string Target => RequestLine.Split(' ')[1];

    internal IReadOnlyList<string> HeaderLines => Head.Split("\r\n")[1..];

    internal string? Header(string name) =>
        HeaderLines.FirstOrDefault(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) is { } line ? line[(name.Length + 1)..].Trim() : null;
}

/// <summary>An answer for <see cref="RawConnection.ServeAsync"/>.</summary>
internal sealed record RawResponse(int Status, string? Body = null, string? ContentType = "application/json", string Reason = "OK", bool Close = false)
{
    internal byte[]? BodyBytes { get; init; }

    internal static RawResponse Json(string body) => new(200, body);

    /// <summary>What a healthy cluster answers: the module list, a module by uid, an accepted upload, a completed action.</summary>
    internal static RawResponse Healthy(RawRequest request)
    {
        string path = request.Target.Split('?')[0];
        string last = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        return (request.Method, path) switch
        {
            ("GET", "/v1/modules") => Json("""[{"uid":"m1","module_name":"first"},{"uid":"m2","module_name":"second"}]"""),
            ("GET", _) when path.StartsWith("/v1/modules/", StringComparison.Ordinal) => Json($$"""{"uid":{{Quote(last)}},"module_name":"mod-{{last.Length}}"}"""),
            ("POST", "/v2/modules") => Json("""{"uid":"u1","action_uid":"a1","module_name":"uploaded"}"""),
            ("GET", _) when path.StartsWith("/v1/actions/", StringComparison.Ordinal) => Json($$"""{"action_uid":{{Quote(last)}},"status":"completed","progress":100}"""),
            ("DELETE", _) when path.StartsWith("/v2/modules/", StringComparison.Ordinal) => Json("""{"action_uid":"a-delete"}"""),
            _ => new RawResponse(404, """{"error_code":"not_found","message":"no such route"}""", Reason: "Not Found"),
        };
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The whole answer, head included, sent as it is (for framing no well-formed answer has).</summary>
    internal byte[]? Whole { get; init; }

    internal static RawResponse Raw(string whole) => new(0) { Whole = Encoding.Latin1.GetBytes(whole) };

    internal byte[] ToBytes()
    {
        if (Whole is not null) return Whole;
        byte[] body = BodyBytes ?? (Body is null ? [] : Encoding.UTF8.GetBytes(Body));
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {Status} {Reason}\r\n");
        if (ContentType is not null) head.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentType}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        if (Close) head.Append("Connection: close\r\n");
        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }
}

/// <summary>One accepted connection and the tools a script uses on it.</summary>
internal sealed class RawConnection
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<RawRequest> _requests = [];
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    internal RawConnection(TcpClient client, CancellationToken stopping)
    {
        _client = client;
        _stream = client.GetStream();
        _stopping = stopping;
    }

    /// <summary>Completes when the connection is over: the client closed it, it broke, or the script reset it.</summary>
    internal Task Closed => _closed.Task;

    internal IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    internal async Task RunAsync(Func<RawConnection, Task> script)
    {
        try
        {
            await script(this);
            await WaitForPeerCloseAsync(); // the script is done: the connection stays until the client lets it go
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _client.Dispose();
            _closed.TrySetResult();
        }
    }

    /// <summary>Reads one request's head (up to the blank line); <see langword="null"/> when the client closed the connection first.</summary>
    internal async Task<string?> ReadHeadAsync()
    {
        while (true)
        {
            int at = Pending.IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                string head = Encoding.Latin1.GetString(Pending[..at]);
                _start += at + 4;
                return head;
            }

            if (!await FillAsync()) return null;
        }
    }

    /// <summary>Reads a request: the head, then (answering <c>Expect: 100-continue</c>) its <c>Content-Length</c> body.</summary>
    internal async Task<RawRequest?> ReadRequestAsync()
    {
        string? head = await ReadHeadAsync();
        if (head is null) return null;
        var request = new RawRequest(head, []);
        if (string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
        }

        long length = request.Header("Content-Length") is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
        byte[] body = await ReadBytesAsync((int)length);
        request = request with { Body = body };
        lock (_requests) _requests.Add(request);
        return request;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (fewer if the client closes first).</summary>
    internal async Task<byte[]> ReadBytesAsync(int count)
    {
        while (Pending.Length < count && await FillAsync())
        {
        }

        byte[] taken = Pending[..Math.Min(count, Pending.Length)].ToArray();
        _start += taken.Length;
        return taken;
    }

    /// <summary>Answers requests with <paramref name="respond"/> until the client closes the connection.</summary>
    internal async Task ServeAsync(Func<RawRequest, RawResponse> respond)
    {
        while (await ReadRequestAsync() is { } request)
        {
            RawResponse response = respond(request);
            await WriteAsync(response.ToBytes());
            if (response.Close)
            {
                _client.Client.Shutdown(SocketShutdown.Send);
                return;
            }
        }
    }

    internal Task WriteAsync(string text) => WriteAsync(Encoding.Latin1.GetBytes(text));

    internal async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes, _stopping);
        await _stream.FlushAsync(_stopping);
    }

    /// <summary>Closes the connection with a TCP reset (RST), as a crashing server or a middlebox does.</summary>
    internal void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    /// <summary>Closes the connection cleanly (FIN), without a word.</summary>
    internal void Close() => _client.Client.Shutdown(SocketShutdown.Both);

    /// <summary>Waits until the client closes the connection (a read returns nothing or fails).</summary>
    internal async Task WaitForPeerCloseAsync()
    {
        byte[] sink = new byte[16 * 1024];
        while (true)
        {
            try
            {
                if (await _stream.ReadAsync(sink, _stopping) == 0) return;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                return;
            }
        }
    }

    internal void Abort()
    {
        _client.Dispose();
        _closed.TrySetResult();
    }

    private ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    private async Task<bool> FillAsync()
    {
        if (_end == _buffer.Length)
        {
            int length = _end - _start;
            byte[] target = length * 2 > _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, length);
            (_buffer, _start, _end) = (target, 0, length);
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), _stopping);
        if (read == 0) return false;
        _end += read;
        return true;
    }
}
