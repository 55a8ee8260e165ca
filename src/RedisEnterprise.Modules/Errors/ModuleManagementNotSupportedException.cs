using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules;

/// <summary>
/// 405 on a module upload or delete: the cluster (Redis Software 8 or later) no longer manages modules
/// through <c>/v1|v2/modules</c>; it manages them differently (user-defined modules under <c>/v2/modules/user-defined</c>).
/// </summary>
public class ModuleManagementNotSupportedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleManagementNotSupportedException(string message) : base(message, 405) { }

    internal ModuleManagementNotSupportedException(ErrorDetails details)
        : base(details, "This cluster (Redis Software 8 or later) manages modules differently: uploading and deleting through /v1|v2/modules was removed (module management moved to " + Routes.UserDefinedModules + ").") { }
}
