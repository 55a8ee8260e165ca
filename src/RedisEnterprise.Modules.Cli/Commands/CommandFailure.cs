using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>What a failure means for the exit code, and how it is shown: the typed error's message and code.</summary>
internal static class CommandFailure
{
    public static int ExitCodeOf(Exception e) => e switch
    {
        UsageException => ExitCodes.Usage,
        OperationCanceledException => ExitCodes.Cancelled,
        ModuleCompatibilityException => ExitCodes.Incompatible,
        ArgumentException => ExitCodes.Usage, // a value the SDK refused before sending anything
        _ => ExitCodes.Failed,
    };

    public static ErrorView Describe(Exception e, string message) => new(
        ExitCodeOf(e),
        e.GetType().Name,
        message,
        (e as RedisEnterpriseException)?.ErrorCode,
        e is RedisEnterpriseException { } cluster ? cluster.Status : null,
        e switch
        {
            ModulePackageValidationException invalid => [.. invalid.Validation.Problems.Select(ProblemView.From)],
            ModuleCompatibilityException incompatible => [.. incompatible.Report.Problems.Select(p => new ProblemView(p.Code, p.Message, Entry: null))],
            _ => null,
        });
}
