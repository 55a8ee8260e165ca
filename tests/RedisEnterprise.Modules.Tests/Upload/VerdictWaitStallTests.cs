using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Upload;

/// <summary>
/// While an upload's last block waits for its package's verdict, no byte moves, yet nothing stalls on the wire: the stall
/// watch does not count that wait, counts again from the verdict on, and the call's own timeout still bounds it.
/// </summary>
public sealed class VerdictWaitStallTests
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new();
    private readonly TaskCompletionSource<List<ModulePackageProblem>> _verdict = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_verdict_slower_than_UploadStallTimeout_is_not_a_stall_and_the_watch_counts_again_after_it()
    {
        using StallWatch stall = StallWatch.Start(StallLimit, _time)!;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, stall.Token); // as CallAsync links it
        using ModuleUploadContent content = Content(stall);
        using var body = new MemoryStream();

        Task sending = content.CopyToAsync(body, context: null, call.Token);
        Assert.False(sending.IsCompleted); // the only (last) block waits for the verdict
        _time.Advance(StallLimit * 10);
        Assert.False(stall.Token.IsCancellationRequested, "the stall watch fired while the upload waited for its own check");

        _verdict.SetResult([]);
        await sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1024, body.Length);

        _time.Advance(StallLimit - TimeSpan.FromTicks(1));
        Assert.False(stall.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(stall.Token.IsCancellationRequested, "after the last block the answer must come within the limit");
    }

    [Fact]
    public async Task The_calls_own_timeout_still_ends_a_wait_for_the_verdict()
    {
        using StallWatch stall = StallWatch.Start(StallLimit, _time)!;
        using var uploadTimeout = new CancellationTokenSource(StallLimit * 30, _time); // as CallAsync's UploadTimeout on this clock
        using var call = CancellationTokenSource.CreateLinkedTokenSource(uploadTimeout.Token, stall.Token);
        using ModuleUploadContent content = Content(stall);
        using var body = new MemoryStream();

        Task sending = content.CopyToAsync(body, context: null, call.Token);
        _time.Advance(StallLimit * 29);
        Assert.False(sending.IsCompleted);
        _time.Advance(StallLimit);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.False(stall.Token.IsCancellationRequested); // so the error names UploadTimeout, not UploadStallTimeout
        Assert.Equal(0, body.Length);
    }

    [Fact]
    public async Task A_last_block_stuck_on_the_wire_after_the_verdict_is_a_stall()
    {
        using StallWatch stall = StallWatch.Start(StallLimit, _time)!;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, stall.Token);
        using ModuleUploadContent content = Content(stall);
        using var wire = new StuckWire();

        Task sending = content.CopyToAsync(wire, context: null, call.Token);
        _time.Advance(StallLimit * 10); // the verdict is slow: not a stall
        _verdict.SetResult([]);
        await wire.WriteStarted.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        _time.Advance(StallLimit);

        Assert.True(stall.Token.IsCancellationRequested, "the last block never left, yet the stall watch did not fire");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    /// <summary>A one-block body checked by the shared verdict the test decides, watched by <paramref name="stall"/>.</summary>
    private ModuleUploadContent Content(StallWatch stall) =>
        new(new MemoryStream(new byte[1024]), "module.zip", progress: null, ownsSource: true, stall, check: UploadCheck.Shared("module.zip", () => _verdict.Task));

    /// <summary>A connection whose writes never complete (until cancelled), like a cluster that stopped reading.</summary>
    private sealed class StuckWire : Stream
    {
        private readonly TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Task WriteStarted => _writeStarted.Task;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _writeStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
