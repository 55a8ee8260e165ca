using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>unsupported_module_capabilities</c>: the module does not support capabilities the cluster requires.</summary>
public class UnsupportedModuleCapabilitiesException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public UnsupportedModuleCapabilitiesException(string message) : base(message, 400, RedisEnterpriseErrorCodes.UnsupportedModuleCapabilities) { }

    internal UnsupportedModuleCapabilitiesException(ErrorDetails details) : base(details, "The module does not support the required capabilities.") { }
}
