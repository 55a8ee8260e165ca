using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>406 <c>module_in_use</c>: a database still uses the module, so the cluster does not delete it.</summary>
public class ModuleInUseException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleInUseException(string message) : base(message, 406, "module_in_use") { }

    internal ModuleInUseException(ErrorDetails details)
        : base(details, "A database still uses the module: remove it from the databases (or delete them) first. Nothing was deleted from any node.") { }
}
