namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>An answer of the cluster, independent of the HTTP server: status code, optional JSON body, extra headers.</summary>
internal sealed record FakeResponse(int StatusCode, string? Json, IReadOnlyDictionary<string, string>? Headers = null)
{
    internal static FakeResponse Error(int statusCode, string code, string message) => new(statusCode, ClusterJson.Error(code, message));

    /// <summary>An error answer of the OpenAPI <c>Error</c> shape with only its <c>description</c>: for a refusal documented without an <c>error_code</c>.</summary>
    internal static FakeResponse Described(int statusCode, string description) => new(statusCode, ClusterJson.Write(writer => writer.WriteString("description", description)));
}
