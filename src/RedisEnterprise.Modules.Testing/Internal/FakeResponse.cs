namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>An answer of the cluster, independent of the HTTP server: status code, optional JSON body, extra headers.</summary>
internal sealed record FakeResponse(int StatusCode, string? Json, IReadOnlyDictionary<string, string>? Headers = null)
{
    internal static FakeResponse Error(int statusCode, string code, string message) => new(statusCode, ClusterJson.Error(code, message));
}
