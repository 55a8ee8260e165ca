using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>404 on a module's get or delete: there is no module with that uid; or <c>missing_module</c>: a module a request names is not on the cluster.</summary>
public class ModuleNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="uid">The module uid that was not found.</param>
    public ModuleNotFoundException(string message, string? uid = null) : base(message, 404) => Uid = uid;

    internal ModuleNotFoundException(ErrorDetails details, string? uid)
        : base(details, uid is null ? "A module the request names is not on the cluster." : $"There is no module with uid '{uid}'.") => Uid = uid;

    /// <summary>The module uid that was not found.</summary>
    public string? Uid { get; }
}
