namespace RedisEnterprise.Modules;

/// <summary>One problem or warning of a <see cref="ModuleCompatibilityReport"/>.</summary>
/// <param name="Code">
/// What it is about, as a stable code: one of <see cref="ModuleCompatibilityIssueCodes"/>, or for a package that is not valid
/// the package validation's own code (<see cref="ModulePackageProblemCodes"/>).
/// </param>
/// <param name="Message">What it is about, as a sentence for a person.</param>
/// <param name="NodeUid">The node it is about, when it is about one.</param>
/// <param name="DatabaseUid">The database it is about, when it is about one.</param>
public sealed record ModuleCompatibilityIssue(string Code, string Message, int? NodeUid = null, int? DatabaseUid = null)
{
    /// <summary>Describes the issue as <c>[code] message</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"[{Code}] {Message}";
}
