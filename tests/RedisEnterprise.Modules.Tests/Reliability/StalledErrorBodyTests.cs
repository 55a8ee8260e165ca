namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// An error answer whose body stalls (its head and one byte, then silence): the call ends at its timeout on the client's
/// clock, or at once when the caller cancels, whatever the framing and whichever call it is.
/// </summary>
public sealed class StalledErrorBodyTests
{
    public static readonly TheoryData<string, bool> Calls = new()
    {
        { "get", false }, { "get", true }, { "poll", false }, { "poll", true }, { "upload", false }, { "upload", true },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_stalled_error_body_ends_at_the_calls_timeout(string call, bool chunked)
    {
        var time = new FakeTimeProvider();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = RawServer.Start(c => StallAsync(c, chunked, stalled));
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.UploadTimeout = FaultTests.RequestTimeout;
        using var client = new RedisEnterpriseModulesClient(options);

        Task running = Start(client, call, CancellationToken.None);
        await stalled.Task.WaitAsync(FaultTests.Generous);
        Assert.False(running.IsCompleted, "the call waits for the body until its timeout");
        time.Advance(FaultTests.RequestTimeout);

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => running.WaitAsync(FaultTests.Generous));
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(call == "upload" ? "/v2/modules" : call == "poll" ? "/v1/actions/a1" : "/v1/modules/m1", error.Path);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_stalled_error_body_ends_when_the_caller_cancels(string call, bool chunked)
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = RawServer.Start(c => StallAsync(c, chunked, stalled));
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));
        using var cancel = new CancellationTokenSource();

        Task running = Start(client, call, cancel.Token);
        await stalled.Task.WaitAsync(FaultTests.Generous);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(FaultTests.Generous));
    }

    private static Task Start(RedisEnterpriseModulesClient client, string call, CancellationToken cancellationToken) => call switch
    {
        "get" => client.GetModuleAsync("m1", cancellationToken),
        "poll" => client.GetActionAsync("a1", cancellationToken),
        _ => client.StartUploadModuleAsync(new MemoryStream(new byte[4096]), "m.zip", new UploadModuleOptions { Validate = false }, cancellationToken),
    };

    /// <summary>Answers 404 (400 to an upload) with the head and one byte of a 100-byte (or chunked) body, then says nothing more.</summary>
    private static async Task StallAsync(RawConnection connection, bool chunked, TaskCompletionSource stalled)
    {
        RawRequest? request = await connection.ReadRequestAsync();
        string status = request?.Method == "POST" ? "400 Bad Request" : "404 Not Found";
        await connection.WriteAsync(chunked
            ? $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{{\r\n"
            : $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{");
        stalled.TrySetResult();
        await connection.WaitForPeerCloseAsync();
    }
}
