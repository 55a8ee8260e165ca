using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary><c>module_exists</c>: the cluster already has this module (same name and version).</summary>
public class ModuleAlreadyExistsException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="moduleName">The name of the module the cluster already has, when known.</param>
    /// <param name="semanticVersion">Its version, when known.</param>
    public ModuleAlreadyExistsException(string message, string? moduleName = null, string? semanticVersion = null)
        : base(message, 400, RedisEnterpriseErrorCodes.ModuleExists)
    {
        ModuleName = moduleName;
        SemanticVersion = semanticVersion;
    }

    internal ModuleAlreadyExistsException(ErrorDetails details) : base(details, "The module is already in the cluster.") { }

    private ModuleAlreadyExistsException(ModuleAlreadyExistsException answer, string? moduleName, string? semanticVersion)
        : base(answer.Message, answer.Status, answer.ErrorCode, answer.ServerMessage, answer.InnerException)
    {
        Method = answer.Method;
        Path = answer.Path;
        ModuleName = moduleName;
        SemanticVersion = semanticVersion;
    }

    /// <summary>The module's name (<c>module_name</c>), when the SDK knows it: from the package's <c>module.json</c> when the upload read it.</summary>
    public string? ModuleName { get; }

    /// <summary>The module's version (<c>semantic_version</c>, or the integer <c>version</c> when there is no semantic one), when the SDK knows it.</summary>
    public string? SemanticVersion { get; }

    /// <summary>The same answer, naming the module the upload carried.</summary>
    internal ModuleAlreadyExistsException Naming(ModuleDescriptor? module) =>
        module is null ? this : new(this, module.ModuleName, module.SemanticVersion ?? module.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
