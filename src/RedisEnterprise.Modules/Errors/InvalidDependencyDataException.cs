using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>invalid_dependency_data</c>: the module's dependencies have an unexpected format.</summary>
public class InvalidDependencyDataException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public InvalidDependencyDataException(string message) : base(message, 400, RedisEnterpriseErrorCodes.InvalidDependencyData) { }

    internal InvalidDependencyDataException(ErrorDetails details) : base(details, "The module's dependencies have an unexpected format.") { }
}
