using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>os_not_supported</c>: the module was not built for the cluster's operating system.</summary>
public class UnsupportedOperatingSystemException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public UnsupportedOperatingSystemException(string message) : base(message, 400, RedisEnterpriseErrorCodes.OsNotSupported) { }

    internal UnsupportedOperatingSystemException(ErrorDetails details) : base(details, "The module is not supported on this cluster's operating system.") { }
}
