using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>404 on <c>POST /v2/modules</c>: a dependency of the module was not found.</summary>
public class DependencyNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependencyNotFoundException(string message) : base(message, 404) { }

    internal DependencyNotFoundException(ErrorDetails details) : base(details, "A dependency of the module was not found.") { }
}
