namespace RedisEnterprise.Modules.Testing;

/// <summary>One request a <see cref="FakeRedisEnterpriseCluster"/> received, and the status code it answered with.</summary>
public sealed record FakeClusterRequest
{
    /// <summary>The HTTP method, upper case, e.g. <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The path, without the query, e.g. <c>/v2/modules</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The request headers by name (case-insensitive); repeated headers are joined with <c>", "</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The length of the body as received, in bytes.</summary>
    public required long BodyLength { get; init; }

    /// <summary>The status code the cluster answered with.</summary>
    public required int StatusCode { get; init; }

    /// <summary>When the cluster answered the request (UTC; after its body was read and any <see cref="FakeClusterOptions.ResponseDelay"/>): to tell which requests overlapped or came first.</summary>
    public DateTimeOffset AnsweredAt { get; init; }

    /// <summary>The value of a header, or <see langword="null"/> when the request did not have it.</summary>
    /// <param name="name">The header name, any case.</param>
    /// <returns>The header value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path} ({BodyLength} bytes) -> {StatusCode}";
}
