using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>
/// A tiny HTTP/1.1 server on loopback that reads an upload's body and throws it away (WireMock keeps whole bodies in
/// memory), answering like POST /v2/modules. It can stall after some bytes to test cancellation and timeouts.
/// </summary>
internal sealed class DiscardingServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _bytesPerRead;
    private readonly long _stallAfterBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DiscardingServer(int bytesPerRead, long stallAfterBytes)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _bytesPerRead = bytesPerRead;
        _stallAfterBytes = stallAfterBytes;
    }

    internal Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    internal Task Stalled => _stalled.Task;

    /// <summary>The body's length minus the multipart framing of the last request (read from the body, whatever the file's name): the file's bytes; -1 if the body was not one multipart part.</summary>
    internal long LastBodyFileBytes { get; private set; }

    internal static Task<DiscardingServer> StartAsync(int bytesPerRead = 256 * 1024, long stallAfterBytes = long.MaxValue)
    {
        var server = new DiscardingServer(bytesPerRead, stallAfterBytes);
        server._listener.Start();
        _ = server.AcceptLoopAsync();
        return Task.FromResult(server);
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                byte[] buffer = new byte[_bytesPerRead];
                var head = new StringBuilder();
                int read;
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    head.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }

                string text = head.ToString();
                int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                string headers = text[..split];
                long bodyRead = text.Length - split - 4;
                long length = long.Parse(headers.Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                string boundary = headers.Split("boundary=")[1].Split("\r\n")[0].Trim('"');
                if (headers.Contains("Expect: 100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
                }

                // The body starts with its framing: --boundary CRLF part headers CRLF CRLF; its first bytes tell its length.
                byte[] bodyStart = new byte[BodyStartBytes];
                int bodyStartLength = Encoding.Latin1.GetBytes(text.AsSpan(split + 4, Math.Min(bodyStart.Length, text.Length - split - 4)), bodyStart);
                int framing = FramingLength(bodyStart.AsSpan(0, bodyStartLength), boundary);
                while (bodyRead < length)
                {
                    if (bodyRead >= _stallAfterBytes)
                    {
                        _stalled.TrySetResult();
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - bodyRead)), _stop.Token);
                    if (read == 0) return;
                    bodyRead += read;
                    if (framing < 0 && bodyStartLength < bodyStart.Length)
                    {
                        int more = Math.Min(read, bodyStart.Length - bodyStartLength);
                        buffer.AsSpan(0, more).CopyTo(bodyStart.AsSpan(bodyStartLength));
                        bodyStartLength += more;
                        framing = FramingLength(bodyStart.AsSpan(0, bodyStartLength), boundary);
                    }
                }

                // Framing: --boundary CRLF part headers CRLF CRLF <file> CRLF --boundary-- CRLF
                int closing = 2 + 2 + boundary.Length + 2 + 2;
                LastBodyFileBytes = framing < 0 ? -1 : length - framing - closing; // -1: the body did not start as one multipart part
                string json = """{"uid":"u1","action_uid":"a1","module_name":"m"}""";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\nConnection: close\r\n\r\n{json}"), _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private const int BodyStartBytes = 8 * 1024; // far more than a part's headers

    /// <summary>The length of "--boundary CRLF part headers CRLF CRLF" at the body's start; -1 if it is not (yet) all there.</summary>
    private static int FramingLength(ReadOnlySpan<byte> bodyStart, string boundary)
    {
        byte[] opening = Encoding.ASCII.GetBytes("--" + boundary + "\r\n");
        if (!bodyStart.StartsWith(opening)) return -1;
        int end = bodyStart.IndexOf("\r\n\r\n"u8);
        return end < 0 ? -1 : end + 4;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
