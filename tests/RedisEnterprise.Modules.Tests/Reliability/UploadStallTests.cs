using RedisEnterprise.Modules.TestSupport;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>An upload that stops moving (the cluster falls silent, or stops reading) ends at <see cref="RedisEnterpriseModulesClientOptions.UploadStallTimeout"/>, with no UploadTimeout set.</summary>
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

    [Fact]
    public async Task A_validated_upload_whose_cluster_stops_reading_mid_body_ends_at_UploadStallTimeout()
    {
        byte[] so = new byte[16 * 1024 * 1024]; // far more than loopback's socket buffers, so the client's writes block
        new Random(7).NextBytes(so);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("stall");
        try
        {
            string path = Path.Combine(folder.FullName, "m.zip");
            await File.WriteAllBytesAsync(path, Valid().Without(ModuleFile).With(ModuleFile, so, CompressionLevel.NoCompression).Set("sha256", Sha256Hex(so)).ToBytes(), TestContext.Current.CancellationToken);
            using var sink = LoopbackCluster.Start(bufferSize: 64 * 1024, stallAfterBytes: 1024 * 1024);
            using var cluster = MockCluster.Start();
            using var client = cluster.CreateClient(o =>
            {
                o.Endpoint = sink.Endpoint;
                o.UploadTimeout = null;
                o.UploadStallTimeout = TimeSpan.FromMilliseconds(500); // real time: when the client's writes block is up to the kernel
            });

            // Validation on (a path): the watch pauses only for the package's verdict, never while the wire is stuck.
            var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.StartUploadModuleAsync(path, cancellationToken: TestContext.Current.CancellationToken).WaitAsync(FaultTests.Generous, TestContext.Current.CancellationToken));

            Assert.True(sink.Stalled.IsCompleted);
            Assert.Contains("UploadStallTimeout", error.Message, StringComparison.Ordinal);
            Assert.InRange(sink.UploadedBytes, 1, so.Length - 1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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
