using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>dependencies_not_supported</c>: a v1 endpoint was used for a module with dependencies; use the v2 endpoint.</summary>
public class DependenciesNotSupportedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public DependenciesNotSupportedException(string message) : base(message, 400, RedisEnterpriseErrorCodes.DependenciesNotSupported) { }

    internal DependenciesNotSupportedException(ErrorDetails details) : base(details, "The v1 endpoint does not support modules with dependencies; use the v2 methods (UploadModuleAsync, DeleteModuleAsync).") { }
}
