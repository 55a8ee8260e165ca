using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>500 on <c>POST /v2/modules</c>: the cluster failed to get a dependency of the module.</summary>
public class DependencyDownloadException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependencyDownloadException(string message) : base(message, 500) { }

    internal DependencyDownloadException(ErrorDetails details) : base(details, "The cluster failed to get a dependency of the module.") { }
}
