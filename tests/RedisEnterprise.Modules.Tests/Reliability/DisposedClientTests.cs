
namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>A disposed client says so: new calls and calls in flight end in <see cref="ObjectDisposedException"/>, and polling stops at once.</summary>
public sealed class DisposedClientTests
{
    [Fact]
    public async Task A_call_on_a_disposed_client_throws_ObjectDisposedException_at_once()
    {
        using var server = RawServer.Answering(RawResponse.Healthy);
        var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ListModulesAsync().WaitAsync(FaultTests.Generous));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetActionAsync("a1").WaitAsync(FaultTests.Generous));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_call_in_flight_ends_in_ObjectDisposedException_when_the_client_is_disposed()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = RawServer.Start(async c =>
        {
            await c.ReadRequestAsync();
            asked.TrySetResult(); // and never answers
        });
        var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));

        Task<IReadOnlyList<ModuleInfo>> call = client.ListModulesAsync();
        await asked.Task.WaitAsync(FaultTests.Generous);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(FaultTests.Generous));
    }

    [Fact]
    public async Task Polling_stops_when_the_client_is_disposed()
    {
        var polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = RawServer.Answering(request =>
        {
            if (!request.Target.StartsWith("/v1/actions/", StringComparison.Ordinal)) return RawResponse.Healthy(request);
            polled.TrySetResult();
            return RawResponse.Json("""{"action_uid":"a1","status":"running","progress":10}""");
        });
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, TimeProvider.System);
        options.PollingInterval = TimeSpan.FromMinutes(1); // the wait between polls is what the disposal must cut short
        options.MaxPollingInterval = TimeSpan.FromMinutes(1);
        options.OperationTimeout = TimeSpan.FromHours(1);
        var client = new RedisEnterpriseModulesClient(options);

        Task<ModuleInfo> upload = client.UploadModuleAsync(new MemoryStream(new byte[1024]), "m.zip", new UploadModuleOptions { Validate = false });
        await polled.Task.WaitAsync(FaultTests.Generous);
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => upload.WaitAsync(FaultTests.Generous));
    }
}
