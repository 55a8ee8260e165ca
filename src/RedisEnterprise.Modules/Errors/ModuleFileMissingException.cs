using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>no_module</c>: the upload carried no module file, or it could not be found.</summary>
public class ModuleFileMissingException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleFileMissingException(string message) : base(message, 400, RedisEnterpriseErrorCodes.NoModule) { }

    internal ModuleFileMissingException(ErrorDetails details) : base(details, "The module wasn't provided or could not be found.") { }
}
