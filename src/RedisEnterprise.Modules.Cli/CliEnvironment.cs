namespace RedisEnterprise.Modules.Cli;

/// <summary>
/// What a run of the tool reads and writes besides its arguments: the process's streams and variables, or a test's.
/// </summary>
/// <param name="Out">Where results go (stdout): a table or one JSON document, nothing else.</param>
/// <param name="Error">Where diagnostics go (stderr): warnings, progress, errors.</param>
/// <param name="In">Where <c>--password-stdin</c> reads and <c>remove</c> asks for confirmation.</param>
/// <param name="IsTerminal">Whether stdout is a terminal: live progress and questions only then.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, TextReader In, bool IsTerminal, Func<string, string?> GetVariable)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.In,
        IsTerminal: !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        Environment.GetEnvironmentVariable);

    /// <summary>
    /// Reads a line of <see cref="In"/> until <paramref name="cancellationToken"/> ends the wait: the console's own
    /// <c>ReadLineAsync</c> reads synchronously and looks at the token only before it starts, so Ctrl+C at a prompt would not end it.
    /// </summary>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) => Task.Run(In.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
}
