namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// One fault on one connection of a <see cref="RawServer"/>. <see cref="Reached"/> tells the test that the server is now
/// silent and only the client's timeout can end the call; <see cref="Release"/> lets the script go on watching the
/// connection (until the client closes it) once the test has moved the clock.
/// </summary>
internal sealed class FaultScript(Func<FaultScript, RawConnection, Task> run, bool needsTimeout = false, string? says = FaultScript.BrokeMidAnswer)
{
    internal const string BrokeMidAnswer = "The connection broke before a whole answer arrived.";
    internal const string Unreachable = "The cluster could not be reached.";

    internal static readonly string[] EitherTransportMessage = [BrokeMidAnswer, Unreachable];

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the error message says happened, when no timeout is involved; <see langword="null"/> when it races (either may be said).</summary>
    internal string? Says { get; } = says;

    /// <summary>Whether only the client's timeout can end the call.</summary>
    internal bool NeedsTimeout { get; } = needsTimeout;

    internal Task Reached => _reached.Task;

    internal Task Run(RawConnection connection) => run(this, connection);

    internal void Release() => _released.TrySetResult();

    /// <summary>Tells the test the server has gone silent, then waits for the client to let the connection go.</summary>
    internal async Task GoSilentAsync(RawConnection connection)
    {
        _reached.TrySetResult();
        await _released.Task;
        await connection.WaitForPeerCloseAsync();
    }
}

/// <summary>The faults the suite injects, by name: the names show in test results.</summary>
internal static class FaultScripts
{
    private const string Head200 = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
    private const string Module = """{"uid":"m1","module_name":"a module whose answer is cut half-way through"}""";

    /// <summary>Faults of a read (a GET that expects a module).</summary>
    internal static readonly IReadOnlyDictionary<string, Func<FaultScript>> ReadFaults = new Dictionary<string, Func<FaultScript>>
    {
        ["reset on accept"] = () => new((_, c) =>
        {
            c.Reset();
            return Task.CompletedTask;
        }, says: null), // whether the request went out before the reset came back is a race
        ["reset before any answer"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            c.Reset();
        }),
        ["empty response (closed without a byte)"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            c.Close();
        }),
        ["reset mid-response"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..20]}");
            c.Reset();
        }),
        ["closed mid-response"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..20]}");
            c.Close();
        }),
        ["malformed chunked response"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"{Head200}Transfer-Encoding: chunked\r\n\r\nzz\r\n{Module}\r\n0\r\n\r\n");
        }),
        ["chunked response cut mid-chunk"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"{Head200}Transfer-Encoding: chunked\r\n\r\n{Module.Length:x}\r\n{Module[..10]}");
            c.Reset();
        }),
        ["not HTTP at all"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n");
            c.Close();
        }),
        ["accepts and never answers"] = () => new(async (f, c) =>
        {
            await c.ReadRequestAsync();
            await f.GoSilentAsync(c);
        }, needsTimeout: true),
        ["stalls in the status line"] = () => new(async (f, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync("HTTP/1.1 20");
            await f.GoSilentAsync(c);
        }, needsTimeout: true),
        ["stalls half-way through the body"] = () => new(async (f, c) =>
        {
            await c.ReadRequestAsync();
            await c.WriteAsync($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..(Module.Length / 2)]}");
            await f.GoSilentAsync(c);
        }, needsTimeout: true),
    };

    /// <summary>Faults of an upload (<c>POST /v2/modules</c> with a 2 MiB file).</summary>
    internal static readonly IReadOnlyDictionary<string, Func<FaultScript>> UploadFaults = new Dictionary<string, Func<FaultScript>>
    {
        ["reset instead of 100-continue"] = () => new(async (_, c) =>
        {
            await c.ReadHeadAsync();
            c.Reset();
        }),
        ["reset mid-upload"] = () => new(async (_, c) =>
        {
            await c.ReadHeadAsync();
            await c.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
            await c.ReadBytesAsync(256 * 1024);
            c.Reset();
        }),
        ["reset after the whole upload"] = () => new(async (_, c) =>
        {
            await c.ReadRequestAsync();
            c.Reset();
        }),
        ["stops reading mid-upload"] = () => new(async (f, c) =>
        {
            await c.ReadHeadAsync();
            await c.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
            await c.ReadBytesAsync(256 * 1024);
            await f.GoSilentAsync(c);
        }, needsTimeout: true),
        ["never answers the upload"] = () => new(async (f, c) =>
        {
            await c.ReadRequestAsync();
            await f.GoSilentAsync(c);
        }, needsTimeout: true),
    };
}
