using System.Net;
using System.Net.Http.Headers;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>Answers every request with 200 and the same JSON bytes, at once: a call with the network taken out.</summary>
internal sealed class CannedHandler(byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
