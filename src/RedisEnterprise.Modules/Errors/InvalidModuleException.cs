using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>invalid_module</c>: the module is corrupted or its packaged files are wrong.</summary>
public class InvalidModuleException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public InvalidModuleException(string message) : base(message, 400, RedisEnterpriseErrorCodes.InvalidModule) { }

    internal InvalidModuleException(ErrorDetails details) : base(details, "The module is corrupted or its packaged files are wrong.") { }
}
