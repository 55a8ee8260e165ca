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
        ["reset before any answer"] = () => AnswerThenEnd(null, c => c.Reset()),
        ["empty response (closed without a byte)"] = () => AnswerThenEnd(null, c => c.Close()),
        ["reset mid-response"] = () => AnswerThenEnd($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..20]}", c => c.Reset()),
        ["closed mid-response"] = () => AnswerThenEnd($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..20]}", c => c.Close()),
        ["malformed chunked response"] = () => AnswerThenEnd($"{Head200}Transfer-Encoding: chunked\r\n\r\nzz\r\n{Module}\r\n0\r\n\r\n", _ => { }),
        ["chunked response cut mid-chunk"] = () => AnswerThenEnd($"{Head200}Transfer-Encoding: chunked\r\n\r\n{Module.Length:x}\r\n{Module[..10]}", c => c.Reset()),
        ["not HTTP at all"] = () => AnswerThenEnd("SSH-2.0-OpenSSH_9.6\r\n", c => c.Close()),
        ["accepts and never answers"] = () => AnswerThenSilence(null),
        ["stalls in the status line"] = () => AnswerThenSilence("HTTP/1.1 20"),
        ["stalls half-way through the body"] = () => AnswerThenSilence($"{Head200}Content-Length: {Module.Length}\r\n\r\n{Module[..(Module.Length / 2)]}"),
    };

    /// <summary>Faults of an upload (<c>POST /v2/modules</c> with a 2 MiB file).</summary>
    internal static readonly IReadOnlyDictionary<string, Func<FaultScript>> UploadFaults = new Dictionary<string, Func<FaultScript>>
    {
        ["reset instead of 100-continue"] = () => new(async (_, c) =>
        {
            await c.ReadHeadAsync();
            c.Reset();
        }),
        ["reset mid-upload"] = () => MidUpload((_, c) => { c.Reset(); return Task.CompletedTask; }),
        ["reset after the whole upload"] = () => AnswerThenEnd(null, c => c.Reset()),
        ["stops reading mid-upload"] = () => MidUpload((f, c) => f.GoSilentAsync(c), needsTimeout: true),
        ["never answers the upload"] = () => AnswerThenSilence(null),
    };

    /// <summary>Reads the request, writes <paramref name="answer"/> (when given), then ends the connection with <paramref name="end"/>.</summary>
    private static FaultScript AnswerThenEnd(string? answer, Action<RawConnection> end) => new(async (_, c) =>
    {
        await c.ReadRequestAsync();
        if (answer is not null) await c.WriteAsync(answer);
        end(c);
    });

    /// <summary>Reads the request, writes <paramref name="answer"/> (when given), then goes silent: only the client's timeout ends the call.</summary>
    private static FaultScript AnswerThenSilence(string? answer) => new(
        async (f, c) =>
        {
            await c.ReadRequestAsync();
            if (answer is not null) await c.WriteAsync(answer);
            await f.GoSilentAsync(c);
        },
        needsTimeout: true);

    /// <summary>Reads an upload's head, lets it go on with 100-continue, reads 256 KiB of the body, then does <paramref name="then"/>.</summary>
    private static FaultScript MidUpload(Func<FaultScript, RawConnection, Task> then, bool needsTimeout = false) => new(
        async (f, c) =>
        {
            await c.ReadHeadAsync();
            await c.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n");
            await c.ReadBytesAsync(256 * 1024);
            await then(f, c);
        },
        needsTimeout);
}
