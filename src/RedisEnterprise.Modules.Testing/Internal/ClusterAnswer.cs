using System.Text;
using Microsoft.AspNetCore.Http;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>Sends a <see cref="FakeResponse"/>: every answer of a listener goes through here, so each is recorded once.</summary>
internal static class ClusterAnswer
{
    /// <summary>Counts the request body when the request arrives, for <see cref="FakeClusterRequest.BodyLength"/>.</summary>
    internal static void CountBody(HttpContext context)
    {
        var body = new CountingStream(context.Request.Body);
        context.Features.Set(body);
        context.Request.Body = body;
    }

    /// <summary>
    /// Reads what is left of the request body (so its length is known and the client is not cut off mid-upload),
    /// records the request with its status code, and writes the answer. The record comes first, so a client that has
    /// its answer finds the request in <see cref="FakeRedisEnterpriseCluster.Requests"/>.
    /// </summary>
    internal static async Task WriteAsync(HttpContext context, ClusterState cluster, FakeResponse answer)
    {
        HttpRequest request = context.Request;
        try
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away; the request is still recorded.
        }

        cluster.Record(new FakeClusterRequest
        {
            Method = request.Method.ToUpperInvariant(),
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            Headers = request.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value.ToArray()), StringComparer.OrdinalIgnoreCase),
            BodyLength = context.Features.Get<CountingStream>()?.BytesRead ?? 0,
            StatusCode = answer.StatusCode,
            AnsweredAt = DateTimeOffset.UtcNow,
        });

        HttpResponse response = context.Response;
        response.StatusCode = answer.StatusCode;
        foreach ((string name, string value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (answer.Json is null) return;
        byte[] json = Encoding.UTF8.GetBytes(answer.Json);
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
