using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>406 <c>module_downgrade_unsupported</c>: the upgrade would load a lower module version than the database loads now.</summary>
public class ModuleDowngradeNotSupportedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleDowngradeNotSupportedException(string message) : base(message, 406, RedisEnterpriseErrorCodes.ModuleDowngradeUnsupported) { }

    internal ModuleDowngradeNotSupportedException(ErrorDetails details)
        : base(details, "A database cannot move to a lower version of a module than it loads now; nothing changed.") { }
}
