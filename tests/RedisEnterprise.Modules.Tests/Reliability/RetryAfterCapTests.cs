namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>A <c>Retry-After</c> that asks for decades is cut to <see cref="RedisEnterpriseModulesClientOptions.MaxRetryAfter"/>; the retry happens.</summary>
public sealed class RetryAfterCapTests
{
    [Theory]
    [InlineData("999999999")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task A_huge_Retry_After_is_capped_and_the_get_is_retried(string retryAfter)
    {
        int calls = 0;
        using var server = RawServer.Start(c => c.ServeAsync(request => Interlocked.Increment(ref calls) == 1
            ? RawResponse.Raw($"HTTP/1.1 503 Service Unavailable\r\nRetry-After: {retryAfter}\r\nContent-Length: 0\r\n\r\n")
            : RawResponse.Healthy(request)));
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, TimeProvider.System);
        options.MaxRetries = 1;
        options.MaxRetryAfter = TimeSpan.FromSeconds(1);
        using var client = new RedisEnterpriseModulesClient(options);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(FaultTests.Generous)).Count);

        Assert.Equal(2, calls);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"the retry waited the capped delay, not the backoff: {watch.Elapsed}");
    }
}
