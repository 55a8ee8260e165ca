namespace RedisEnterprise.Modules;

/// <summary>One problem found in a module package.</summary>
/// <param name="Code">What is wrong, as a stable code from <see cref="ModulePackageProblemCodes"/>, e.g. <c>module_name_missing</c>.</param>
/// <param name="Message">What is wrong, as a sentence for a person.</param>
/// <param name="EntryName">The zip entry the problem is about, when it is about one.</param>
public sealed record ModulePackageProblem(string Code, string Message, string? EntryName = null)
{
    /// <summary>Describes the problem as <c>[code] message</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"[{Code}] {Message}";
}
