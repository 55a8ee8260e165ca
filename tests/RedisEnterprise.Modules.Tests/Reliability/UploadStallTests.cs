
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
        var time = new FakeTimeProvider();
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, time);
        options.UploadTimeout = null;
        options.UploadStallTimeout = TimeSpan.FromMinutes(1);
        using var client = new RedisEnterpriseModulesClient(options);

        Task<ModuleOperation> upload = client.StartUploadModuleAsync(new MemoryStream(new byte[256 * 1024]), "m.zip", new UploadModuleOptions { Validate = false });
        await silent.Task.WaitAsync(FaultTests.Generous);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        Assert.False(upload.IsCompleted, "not yet stalled for a minute");
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => upload.WaitAsync(FaultTests.Generous));
        Assert.Equal("/v2/modules", error.Path);
        Assert.Contains("UploadStallTimeout", error.Message, StringComparison.Ordinal);
    }
}
