
namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>An upload the cluster accepted and then fell silent on ends at <see cref="RedisEnterpriseModulesClientOptions.UploadStallTimeout"/>, with no UploadTimeout set.</summary>
public sealed class UploadStallTests
{
    [Fact]
    public async Task An_upload_answered_by_silence_ends_at_UploadStallTimeout()
    {
        var silent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = RawServer.Start(async c =>
        {
            await c.ReadRequestAsync();
            silent.TrySetResult(); // the whole package arrived; no answer ever comes
        });
        var time = new WatchedTime(TimeSpan.FromMinutes(1));
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.UploadTimeout = null;
        options.UploadStallTimeout = TimeSpan.FromMinutes(1);
        using var client = new RedisEnterpriseModulesClient(options);

        Task<ModuleOperation> upload = client.StartUploadModuleAsync(new MemoryStream(new byte[256 * 1024]), "m.zip", new UploadModuleOptions { Validate = false });
        await silent.Task.WaitAsync(FaultTests.Generous);
        time.Advance(TimeSpan.FromSeconds(59)); // runs any timer now due, at once
        Assert.Equal(0, time.Fired); // not yet stalled for a minute
        Assert.False(upload.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, time.Fired);

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => upload.WaitAsync(FaultTests.Generous));
        Assert.Equal("/v2/modules", error.Path);
        Assert.Contains("UploadStallTimeout", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A fake clock that counts how often a timer first set for <paramref name="watched"/> (the stall watch's) has fired.</summary>
    private sealed class WatchedTime(TimeSpan watched) : FakeTimeProvider
    {
        private int _fired;

        internal int Fired => Volatile.Read(ref _fired);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan due, TimeSpan period)
        {
            if (due != watched) return base.CreateTimer(callback, state, due, period);
            return base.CreateTimer(s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            }, state, due, period);
        }
    }
}
