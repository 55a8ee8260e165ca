using System.Globalization;
using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>406 <c>module_in_use</c>: a database still uses the module, so the cluster does not delete it. <see cref="Databases"/> names them when the SDK could find them.</summary>
public class ModuleInUseException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleInUseException(string message) : base(message, 406, RedisEnterpriseErrorCodes.ModuleInUse) => Databases = [];

    /// <summary>Creates the exception naming the databases that use the module (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="databases">The databases that use the module.</param>
    public ModuleInUseException(string message, IEnumerable<DatabaseInfo> databases) : base(message, 406, RedisEnterpriseErrorCodes.ModuleInUse)
    {
        ArgumentNullException.ThrowIfNull(databases);
        Databases = databases.ToArray();
    }

    internal ModuleInUseException(ErrorDetails details)
        : base(details, "A database still uses the module: remove it from the databases (or delete them) first. Nothing was deleted from any node.") => Databases = [];

    private ModuleInUseException(ModuleInUseException answer, IReadOnlyList<DatabaseInfo> databases)
        : base($"{answer.Message} Databases using it: {string.Join(", ", databases.Select(d => $"{d.Uid.ToString(CultureInfo.InvariantCulture)} ({d.Name})"))}.", answer.Status, answer.ErrorCode, answer.ServerMessage, answer.InnerException)
    {
        Method = answer.Method;
        Path = answer.Path;
        Databases = databases;
    }

    /// <summary>
    /// The databases that use the module (<see cref="DatabaseInfo.Uid"/>, <see cref="DatabaseInfo.Name"/>, the modules they
    /// load), as the SDK listed them after the refusal; empty when it could not list them (a missing permission, say).
    /// </summary>
    public IReadOnlyList<DatabaseInfo> Databases { get; }

    /// <summary>The same answer, naming the databases that use the module; itself when there are none to name.</summary>
    internal ModuleInUseException Naming(IReadOnlyList<DatabaseInfo> databases) => databases.Count == 0 ? this : new(this, databases);
}
