using System.Globalization;
using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>404 on a database's request, or <c>db_not_exist</c>: there is no database with that uid.</summary>
public class DatabaseNotFoundException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="uid">The database uid that was not found.</param>
    public DatabaseNotFoundException(string message, int? uid = null) : base(message, 404, RedisEnterpriseErrorCodes.DbNotExist) => Uid = uid;

    internal DatabaseNotFoundException(ErrorDetails details, int? uid)
        : base(details, $"There is no database with uid {uid?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"}.") => Uid = uid;

    /// <summary>The database uid that was not found, when the request named one.</summary>
    public int? Uid { get; }
}
