using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>min_redis_pack_version</c>: the module needs a newer Redis Enterprise Software version.</summary>
public class IncompatibleClusterVersionException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public IncompatibleClusterVersionException(string message) : base(message, 400, "min_redis_pack_version") { }

    internal IncompatibleClusterVersionException(ErrorDetails details) : base(details, "The module isn't supported yet by this cluster's version.") { }
}
