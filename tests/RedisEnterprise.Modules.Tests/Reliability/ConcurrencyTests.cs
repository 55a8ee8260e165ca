using System.Collections.Concurrent;
using RedisEnterprise.Modules.Tests.Packages;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// Many calls at once on one client. The server holds every answer until all requests are in, then answers them in
/// reverse order of arrival, one by one: the most interleaving there can be, without a single sleep.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Fifty_gets_and_fifty_lists_in_parallel_each_get_their_own_answer()
    {
        const int Gets = 50, Lists = 50;
        string[] uids = [.. Enumerable.Range(0, Gets).Select(i => $"uid-{i:D2}-{new string('x', i)}")];
        string list = "[" + string.Join(',', uids.Select(u => $$"""{"uid":"{{u}}","module_name":"n{{u.Length}}"}""")) + "]";
        var gate = new AnswerInReverse(Gets + Lists);
        using var server = RawServer.Start(async c =>
        {
            while (await c.ReadRequestAsync() is { } request)
            {
                RawResponse response = request.Target == "/v1/modules" ? RawResponse.Json(list) : RawResponse.Healthy(request);
                await gate.AnswerAsync(() => c.WriteAsync(response.ToBytes()));
            }
        });
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, TimeProvider.System));

        Task<ModuleInfo>[] gets = [.. uids.Select(u => client.GetModuleAsync(u))];
        Task<IReadOnlyList<ModuleInfo>>[] lists = [.. Enumerable.Range(0, Lists).Select(_ => client.ListModulesAsync())];
        await Task.WhenAll(gets.Cast<Task>().Concat(lists)).WaitAsync(FaultTests.Generous);

        for (int i = 0; i < Gets; i++)
        {
            ModuleInfo module = await gets[i];
            Assert.Equal(uids[i], module.Uid);
            Assert.Equal($"mod-{uids[i].Length}", module.ModuleName);
        }

        foreach (Task<IReadOnlyList<ModuleInfo>> call in lists)
        {
            Assert.Equal(uids, (await call).Select(m => m.Uid));
        }

        Assert.Equal(Gets + Lists, server.Requests.Count);
        Assert.Equal(Gets + Lists, gate.Answered);
    }

    [Fact]
    public async Task Five_parallel_uploads_keep_their_own_bytes_answers_and_progress()
    {
        const int Uploads = 5;
        var time = new SteppingTime();
        var cluster = new UploadCluster(Uploads);
        using var server = RawServer.Start(cluster.ServeAsync);
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.RequestTimeout = Timeout.InfiniteTimeSpan; // only the polls' waits make timers, which the stepping clock runs
        options.UploadStallTimeout = null;
        using var client = new RedisEnterpriseModulesClient(options);

        var files = Enumerable.Range(0, Uploads).Select(i => (Name: $"module-{i}.zip", Bytes: TestPackages.Pattern((i + 1) * 1024 * 1024 + (i * 7919), seed: i))).ToArray();
        var uploadReports = files.Select(_ => new ConcurrentQueue<UploadProgress>()).ToArray();
        var actionReports = files.Select(_ => new ConcurrentQueue<ActionInfo>()).ToArray();
        Task<ModuleInfo>[] uploads = [.. files.Select((f, i) => client.UploadModuleAsync(new MemoryStream(f.Bytes), f.Name, new UploadModuleOptions
        {
            Validate = false,
            UploadProgress = new SynchronousProgress<UploadProgress>(uploadReports[i].Enqueue),
            ActionProgress = new SynchronousProgress<ActionInfo>(actionReports[i].Enqueue),
        }))];

        ModuleInfo[] modules = await time.Drive(Task.WhenAll(uploads)).WaitAsync(FaultTests.Generous);

        for (int i = 0; i < Uploads; i++)
        {
            Assert.Equal($"u-{files[i].Name}", modules[i].Uid);
            Assert.Equal(files[i].Name, modules[i].ModuleName);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[i].Bytes)), modules[i].Sha256); // the server got exactly these bytes

            UploadProgress[] sent = [.. uploadReports[i]];
            Assert.All(sent, p => Assert.Equal(files[i].Bytes.Length, p.TotalBytes));
            Assert.True(sent.Zip(sent.Skip(1)).All(p => p.First.BytesSent <= p.Second.BytesSent), "monotonic");
            Assert.Equal(new UploadProgress(files[i].Bytes.Length, files[i].Bytes.Length), sent[^1]);

            ActionInfo[] polled = [.. actionReports[i]];
            Assert.Equal([ActionStatus.Running, ActionStatus.Completed], polled.Select(a => a.Status));
            Assert.All(polled, a => Assert.Equal($"a-{files[i].Name}", a.ActionUid));
        }

        Assert.Equal(Uploads, cluster.Received.Count);
    }

    /// <summary>Holds answers until <paramref name="expected"/> are waiting, then lets them go one at a time, last arrived first.</summary>
    private sealed class AnswerInReverse(int expected)
    {
        private readonly List<(TaskCompletionSource Go, TaskCompletionSource Done)> _waiting = [];
        private int _answered;

        internal int Answered => Volatile.Read(ref _answered);

        internal async Task AnswerAsync(Func<Task> answer)
        {
            var turn = (Go: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Done: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            bool last;
            lock (_waiting)
            {
                _waiting.Add(turn);
                last = _waiting.Count == expected;
            }

            if (last) _ = ReleaseAsync();
            await turn.Go.Task;
            try
            {
                await answer();
                Interlocked.Increment(ref _answered);
            }
            finally
            {
                turn.Done.TrySetResult();
            }
        }

        private async Task ReleaseAsync()
        {
            for (int i = _waiting.Count - 1; i >= 0; i--)
            {
                _waiting[i].Go.TrySetResult();
                await _waiting[i].Done.Task;
            }
        }
    }

    /// <summary>
    /// Accepts uploads, answering each (in reverse, once all are in) with ids made from its file name and the SHA-256 of
    /// the bytes it got; an action is running at its first poll and completed at the second; a module is what was uploaded.
    /// </summary>
    private sealed class UploadCluster(int uploads)
    {
        private readonly AnswerInReverse _gate = new(uploads);
        private readonly ConcurrentDictionary<string, int> _polls = new();

        internal ConcurrentDictionary<string, string> Received { get; } = new(); // file name → SHA-256

        internal async Task ServeAsync(RawConnection c)
        {
            while (await c.ReadRequestAsync() is { } request)
            {
                string target = Uri.UnescapeDataString(request.Target);
                if (request.Method == "POST")
                {
                    (string name, string sha256) = FilePart(request);
                    Received[name] = sha256;
                    await _gate.AnswerAsync(() => c.WriteAsync(RawResponse.Json($$"""{"uid":"u-{{name}}","action_uid":"a-{{name}}"}""").ToBytes()));
                }
                else if (target.StartsWith("/v1/actions/a-", StringComparison.Ordinal))
                {
                    string action = target["/v1/actions/".Length..];
                    string status = _polls.AddOrUpdate(action, 1, (_, n) => n + 1) == 1 ? "running" : "completed";
                    await c.WriteAsync(RawResponse.Json($$"""{"action_uid":"{{action}}","status":"{{status}}"}""").ToBytes());
                }
                else
                {
                    string name = target["/v1/modules/u-".Length..];
                    await c.WriteAsync(RawResponse.Json($$"""{"uid":"u-{{name}}","module_name":"{{name}}","sha256":"{{Received[name]}}"}""").ToBytes());
                }
            }
        }

        private static (string Name, string Sha256) FilePart(RawRequest request)
        {
            string body = Encoding.Latin1.GetString(request.Body);
            int nameAt = body.IndexOf("filename=\"", StringComparison.Ordinal) + 10;
            string name = body[nameAt..body.IndexOf('"', nameAt)];
            int start = body.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            int end = body.LastIndexOf("\r\n--", StringComparison.Ordinal);
            return (name, Convert.ToHexStringLower(SHA256.HashData(request.Body.AsSpan(start, end - start))));
        }
    }
}
