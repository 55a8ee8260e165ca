namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>
/// A failed command as the JSON output shows it: the exit code, the exception's type name, its message, and for an answer
/// of the cluster its <c>error_code</c> and HTTP status (0 when it could not be reached).
/// </summary>
internal sealed record ErrorView(int ExitCode, string Type, string Message, string? ErrorCode, int? Status, IReadOnlyList<ProblemView>? Problems);
