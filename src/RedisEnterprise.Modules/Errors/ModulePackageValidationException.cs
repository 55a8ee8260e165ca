namespace RedisEnterprise.Modules;

/// <summary>
/// A module package failed the checks made before or while uploading it; <see cref="Validation"/> lists every problem.
/// <see cref="RedisEnterpriseException.Status"/> is 0: the cluster did not answer it. The package's structure and
/// <c>module.json</c> are checked before the first byte is sent, its data as it is sent: a package whose data fails ends its
/// request before the body is complete, so no cluster or node receives it whole.
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
