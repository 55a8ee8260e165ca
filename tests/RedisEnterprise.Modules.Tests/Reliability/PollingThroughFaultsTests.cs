namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// Following an action while the cluster flaps: 5xx answers, resets, broken answers, for stretches as long as the poller
/// tolerates. The fake clock (<see cref="SteppingTime"/>) moves exactly by each wait the poller starts, so fifty polls take
/// no real time.
/// </summary>
public sealed class PollingThroughFaultsTests
{
    private const string ActionUid = "a1"; // what the healthy upload answer names

    /// <summary>One answer to one poll.</summary>
    internal enum Poll
    {
        Running,
        Completed,
        ServiceUnavailable,
        HtmlBadGateway,
        InternalError,
        GatewayTimeoutEmpty,
        TooManyRequests,
        RequestTimeout,
        ResetBeforeAnswer,
        ResetMidAnswer,
        MalformedChunk,
        NotFound,
    }

    private static readonly Poll[] Flaps =
    [
        Poll.ServiceUnavailable, Poll.ResetBeforeAnswer, Poll.HtmlBadGateway, Poll.ResetMidAnswer, Poll.InternalError,
        Poll.GatewayTimeoutEmpty, Poll.MalformedChunk, Poll.TooManyRequests, Poll.RequestTimeout, Poll.ServiceUnavailable,
    ];

    /// <summary>
    /// Fifty polls: two healthy, the longest stretch of failures the poller tolerates (10 in a row), healthy ones, failures
    /// every other poll, a second stretch of ten, and the end.
    /// </summary>
    private static Poll[] FiftyPolls()
    {
        var plan = new List<Poll> { Poll.Running, Poll.Running };
        plan.AddRange(Flaps);
        plan.AddRange(Enumerable.Repeat(Poll.Running, 7));
        for (int i = 0; i < 10; i++) plan.AddRange([Flaps[i], Poll.Running]);
        plan.AddRange(Flaps);
        plan.Add(Poll.Completed);
        return [.. plan];
    }

    [Fact]
    public async Task A_fifty_poll_upload_survives_a_flapping_cluster_and_returns_the_right_module()
    {
        Poll[] plan = FiftyPolls();
        Assert.Equal(30, plan.Count(p => p is not (Poll.Running or Poll.Completed))); // the setup: the cluster really flaps, 30 of 50 answers are faults
        var time = new SteppingTime();
        using var server = FlappingCluster(plan, out Func<int> polls);
        var seen = new List<ActionInfo>();
        using var client = new RedisEnterpriseModulesClient(Options(server, time));

        ModuleInfo module = await time.Drive(client.UploadModuleAsync(
            new MemoryStream(new byte[4096]), "m.zip", new UploadModuleOptions { Validate = false, ActionProgress = new SynchronousProgress<ActionInfo>(seen.Add) }));

        Assert.Equal("u1", module.Uid);
        Assert.Equal(50, polls());
        Assert.Equal(plan.Count(p => p is Poll.Running or Poll.Completed), seen.Count); // only answers are reported, never a fault
        Assert.Equal(ActionStatus.Completed, seen[^1].Status);
        Assert.Equal(100d, seen[^1].Progress);
        Assert.All(seen, a => Assert.Equal(ActionUid, a.ActionUid));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Progress <= p.Second.Progress), "progress never goes back");
        Assert.Equal("GET /v1/modules/u1", server.Requests[^1].Method + " " + server.Requests[^1].Target);
    }

    [Fact]
    public async Task Eleven_failures_in_a_row_end_the_wait_with_the_last_one()
    {
        // Answers only: the HTTP stack may retry a connection that died before answering on its own, which would blur the count.
        Poll[] plan = [Poll.Running, .. Enumerable.Repeat(Poll.ServiceUnavailable, 5), .. Enumerable.Repeat(Poll.InternalError, 5), Poll.HtmlBadGateway, Poll.Completed];
        var time = new SteppingTime();
        using var server = FlappingCluster(plan, out Func<int> polls);
        using var client = new RedisEnterpriseModulesClient(Options(server, time));

        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => time.Drive(new ActionOperation(client, ActionUid).WaitForCompletionAsync()));

        Assert.Equal(502, error.Status);
        Assert.Equal(12, polls());
    }

    [Fact]
    public async Task A_cluster_that_restarts_and_forgets_the_action_ends_with_an_error_naming_it()
    {
        Poll[] plan = [Poll.Running, Poll.Running, Poll.Running, Poll.ResetBeforeAnswer, Poll.ServiceUnavailable, Poll.HtmlBadGateway, .. Enumerable.Repeat(Poll.NotFound, 20)];
        var time = new SteppingTime();
        using var server = FlappingCluster(plan, out Func<int> polls);
        using var client = new RedisEnterpriseModulesClient(Options(server, time));
        var operation = new ModuleOperation(client, ActionUid, "u1");

        var error = await Assert.ThrowsAsync<ActionNotFoundException>(() => time.Drive(operation.WaitForModuleAsync()));

        Assert.Equal(ActionUid, error.ActionUid);
        Assert.Equal(404, error.Status);
        Assert.Contains($"action '{ActionUid}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, polls()); // the first 404 after the action was seen is final
        Assert.Equal(ActionStatus.Running, operation.LastStatus!.Status); // what the caller saw last, to decide or resume later
        Assert.DoesNotContain(server.Requests, r => r.Target.StartsWith("/v1/modules/", StringComparison.Ordinal));
    }

    private static RedisEnterpriseModulesClientOptions Options(RawServer server, SteppingTime time)
    {
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.RequestTimeout = Timeout.InfiniteTimeSpan; // only the polls' waits make timers, which the stepping clock runs
        options.UploadStallTimeout = null;
        return options;
    }

    /// <summary>A cluster whose action answers the polls by <paramref name="plan"/>, one entry per poll; everything else is healthy.</summary>
    private static RawServer FlappingCluster(Poll[] plan, out Func<int> polls)
    {
        int count = 0;
        polls = () => Volatile.Read(ref count);
        return RawServer.Start(async c =>
        {
            while (await c.ReadRequestAsync() is { } request)
            {
                if (!request.Target.StartsWith("/v1/actions/", StringComparison.Ordinal))
                {
                    await c.WriteAsync(RawResponse.Healthy(request).ToBytes());
                    continue;
                }

                int poll = Interlocked.Increment(ref count);
                Poll answer = plan[Math.Min(poll, plan.Length) - 1];
                if (!await AnswerAsync(c, answer, poll)) return;
            }
        });
    }

    /// <summary>Answers one poll; <see langword="false"/> when the answer broke the connection.</summary>
    private static async Task<bool> AnswerAsync(RawConnection c, Poll answer, int poll)
    {
        string action(string status, int progress) => $$"""{"action_uid":"{{ActionUid}}","name":"module_upload","status":"{{status}}","progress":"{{progress.ToString(CultureInfo.InvariantCulture)}}"}""";
        switch (answer)
        {
            case Poll.Running:
                await c.WriteAsync(RawResponse.Json(action("running", poll)).ToBytes());
                return true;
            case Poll.Completed:
                await c.WriteAsync(RawResponse.Json(action("completed", 100)).ToBytes());
                return true;
            case Poll.ServiceUnavailable:
                await c.WriteAsync(new RawResponse(503, """{"error_code":"cluster_busy","message":"try later"}""", Reason: "Service Unavailable").ToBytes());
                return true;
            case Poll.HtmlBadGateway:
                await c.WriteAsync(new RawResponse(502, "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>", "text/html", "Bad Gateway").ToBytes());
                return true;
            case Poll.InternalError:
                await c.WriteAsync(new RawResponse(500, """{"error_code":"internal_error"}""", Reason: "Internal Server Error").ToBytes());
                return true;
            case Poll.GatewayTimeoutEmpty:
                await c.WriteAsync(new RawResponse(504, null, null, "Gateway Timeout").ToBytes());
                return true;
            case Poll.TooManyRequests:
                await c.WriteAsync(new RawResponse(429, "slow down", "text/plain", "Too Many Requests").ToBytes());
                return true;
            case Poll.RequestTimeout:
                await c.WriteAsync(new RawResponse(408, null, null, "Request Timeout", Close: true).ToBytes());
                c.Close();
                return false;
            case Poll.ResetBeforeAnswer:
                c.Reset();
                return false;
            case Poll.ResetMidAnswer:
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"action_uid\":");
                c.Reset();
                return false;
            case Poll.MalformedChunk:
                await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n{}\r\n0\r\n\r\n");
                c.Reset();
                return false;
            case Poll.NotFound:
                await c.WriteAsync(new RawResponse(404, """{"error_code":"action_not_found","message":"Action not found"}""", Reason: "Not Found").ToBytes());
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer));
        }
    }
}
