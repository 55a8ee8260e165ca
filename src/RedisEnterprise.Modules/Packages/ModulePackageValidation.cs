using System.Text;

namespace RedisEnterprise.Modules;

/// <summary>The outcome of checking a module package: every problem found, not just the first.</summary>
public sealed class ModulePackageValidation
{
    /// <summary>Creates a validation result (useful for mocking).</summary>
    /// <param name="fileName">The package's file name, e.g. <c>redisearch.Linux-ubuntu18.04-x86_64.2.2.6.zip</c>.</param>
    /// <param name="problems">The problems found; none when the package is valid.</param>
    public ModulePackageValidation(string fileName, IEnumerable<ModulePackageProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(problems);
        FileName = fileName;
        Problems = problems.ToList().AsReadOnly();
    }

    /// <summary>The package's file name.</summary>
    public string FileName { get; }

    /// <summary>Whether no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Every problem found, in the order the checks ran.</summary>
    public IReadOnlyList<ModulePackageProblem> Problems { get; }

    /// <summary>Throws a <see cref="ModulePackageValidationException"/> listing every problem when the package is not valid.</summary>
    /// <exception cref="ModulePackageValidationException">The package is not valid.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ModulePackageValidationException(this);
    }

    /// <summary>Describes the result: the file name, then one line per problem.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        if (IsValid) return $"The module package '{FileName}' is valid.";
        var text = new StringBuilder($"The module package '{FileName}' is not valid:");
        foreach (ModulePackageProblem problem in Problems)
        {
            text.Append('\n').Append("- ").Append(problem);
        }

        return text.ToString();
    }
}
