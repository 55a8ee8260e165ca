namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>An error answer: status code, <c>error_code</c> and <c>message</c>.</summary>
internal sealed record ClusterError(int StatusCode, string Code, string Message)
{
    internal FakeResponse ToResponse() => new(StatusCode, ClusterJson.Error(Code, Message));
}
