
namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>A poll answered with another action's status is a protocol error, never taken as the polled action's end.</summary>
public sealed class ForeignActionAnswerTests
{
    [Fact]
    public async Task A_poll_answer_about_another_action_is_a_protocol_error()
    {
        using var server = RawServer.Answering(_ => RawResponse.Json("""{"action_uid":"someone-elses","status":"completed","progress":100}"""));
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));

        var error = await Assert.ThrowsAsync<RedisEnterpriseException>(() => new ActionOperation(client, "a1").WaitForCompletionAsync().WaitAsync(FaultTests.Generous));

        Assert.Equal(200, error.Status);
        Assert.Contains("a1", error.Message, StringComparison.Ordinal);
        Assert.Contains("someone-elses", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests); // not retried: another GET would get the same answer
    }

    [Fact]
    public async Task A_poll_answer_without_an_action_uid_is_taken_as_the_polled_action()
    {
        using var server = RawServer.Answering(_ => RawResponse.Json("""{"status":"completed"}"""));
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));

        Assert.Equal(ActionStatus.Completed, (await new ActionOperation(client, "a1").WaitForCompletionAsync().WaitAsync(FaultTests.Generous)).Status);
    }
}
