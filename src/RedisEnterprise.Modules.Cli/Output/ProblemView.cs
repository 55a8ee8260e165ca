namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>One problem of a package (<c>validate</c>, or an install refused before sending).</summary>
internal sealed record ProblemView(string Code, string Message, string? Entry)
{
    public static ProblemView From(ModulePackageProblem problem) => new(problem.Code, problem.Message, problem.EntryName);
}
