using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Upload;

/// <summary>An upload's last block waits for the package's verdict; that wait obeys the caller's token.</summary>
public sealed class UploadCheckCancellationTests
{
    [Fact]
    public async Task Cancelling_while_the_last_block_waits_for_a_shared_verdict_ends_the_upload()
    {
        var verdict = new TaskCompletionSource<List<ModulePackageProblem>>(TaskCreationOptions.RunContinuationsAsynchronously); // never decided
        var check = UploadCheck.Shared("module.zip", () => verdict.Task);
        using var content = new ModuleUploadContent(new MemoryStream(new byte[1024]), "module.zip", progress: null, ownsSource: true, check: check);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var body = new MemoryStream();

        Task sending = content.CopyToAsync(body, context: null, cancel.Token);
        Assert.False(sending.IsCompleted); // waiting for the verdict before the last block
        await cancel.CancelAsync();

        // The bound turns a wait that ignores the token into a failure instead of a hang.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(0, body.Length); // the only (last) block was never written
    }
}
