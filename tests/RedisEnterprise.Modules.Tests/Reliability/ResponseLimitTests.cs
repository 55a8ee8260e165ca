namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// A success answer that never ends (a module list streamed as fast as loopback allows): the client stops at
/// <see cref="RedisEnterpriseModulesClientOptions.MaxResponseBytes"/> with an error naming the limit, whatever the framing.
/// </summary>
public sealed class ResponseLimitTests
{
    private const long Limit = 1024 * 1024;
    private static readonly byte[] OneModule = Encoding.UTF8.GetBytes("""{"uid":"m1","module_name":"a module in a list that never ends"},""");

    [Theory]
    [InlineData("declared 2 GB")]
    [InlineData("chunked, endless")]
    public async Task An_endless_answer_stops_at_MaxResponseBytes_with_an_error_naming_it(string framing)
    {
        long sent = 0;
        using var server = RawServer.Start(async c =>
        {
            await c.ReadRequestAsync();
            bool chunked = framing.StartsWith("chunked", StringComparison.Ordinal);
            await c.WriteAsync(chunked
                ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n[");
            byte[] block = [.. Enumerable.Range(0, 1000).SelectMany(_ => OneModule)];
            byte[] frame = chunked ? [.. Encoding.ASCII.GetBytes($"{block.Length:X}\r\n"), .. block, .. "\r\n"u8.ToArray()] : block;
            while (Interlocked.Read(ref sent) < 100 * Limit)
            {
                await c.WriteAsync(frame);
                Interlocked.Add(ref sent, block.Length);
            }
        });
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, new FakeTimeProvider());
        options.MaxResponseBytes = Limit;
        using var client = new RedisEnterpriseModulesClient(options);

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => client.ListModulesAsync().WaitAsync(FaultTests.Generous));

        Assert.Equal(Limit, error.MaxResponseBytes);
        Assert.Contains("MaxResponseBytes (1,048,576 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal("/v1/modules", error.Path);
        Assert.True(Interlocked.Read(ref sent) < 50 * Limit, $"the client read on: the server sent {Interlocked.Read(ref sent):N0} bytes");
    }

    [Fact]
    public async Task An_answer_within_the_limit_is_read()
    {
        using var server = RawServer.Answering(RawResponse.Healthy);
        RedisEnterpriseModulesClientOptions options = FaultTests.Options(server.Endpoint, new FakeTimeProvider());
        options.MaxResponseBytes = 1024; // the least allowed; the healthy list is about 90 bytes
        using var client = new RedisEnterpriseModulesClient(options);

        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(FaultTests.Generous)).Count);
    }
}
