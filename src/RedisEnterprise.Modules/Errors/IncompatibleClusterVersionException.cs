using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>
/// <c>min_redis_pack_version</c> or <c>redis_pack_incompatible_version</c>: the module needs a newer Redis Enterprise Software
/// version; <c>redis_incompatible_version</c>: the module does not fit the database's Redis version. <see cref="RedisEnterpriseException.ErrorCode"/> tells which.
/// </summary>
public class IncompatibleClusterVersionException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public IncompatibleClusterVersionException(string message) : base(message, 400, RedisEnterpriseErrorCodes.MinRedisPackVersion) { }

    internal IncompatibleClusterVersionException(ErrorDetails details)
        : base(details, details.ErrorCode == RedisEnterpriseErrorCodes.RedisIncompatibleVersion ? "The module does not support the database's Redis version." : "The module isn't supported yet by this cluster's version.") { }
}
