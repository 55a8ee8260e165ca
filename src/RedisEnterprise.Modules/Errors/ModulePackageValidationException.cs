namespace RedisEnterprise.Modules;

/// <summary>
/// A module package failed the checks made before uploading it; <see cref="Validation"/> lists every problem.
/// <see cref="RedisEnterpriseException.Status"/> is 0: the cluster was not contacted.
/// </summary>
public class ModulePackageValidationException : RedisEnterpriseException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="validation">The failed validation.</param>
    public ModulePackageValidationException(ModulePackageValidation validation)
        : base((validation ?? throw new ArgumentNullException(nameof(validation))).ToString(), 0)
        => Validation = validation;

    /// <summary>The validation that failed, with every problem found.</summary>
    public ModulePackageValidation Validation { get; }
}
