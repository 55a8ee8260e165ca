using System.CommandLine;
using RedisEnterprise.Modules.Cli.Commands;
using RedisEnterprise.Modules.Cli.Connection;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli;

/// <summary>The <c>redis-modules</c> command line: its commands, and one run of it.</summary>
internal static class CliApplication
{
    /// <summary>How long Ctrl+C waits for a command to stop cleanly (an install on 8.x deletes what it had sent) before the process ends.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(30);

    public static RootCommand CreateRootCommand(GlobalOptions globals, CliEnvironment environment)
    {
        var runner = new CommandRunner(globals, environment);
        var root = new RootCommand("redis-modules: the modules of Redis Enterprise Software clusters, from the command line.");
        foreach (Option option in globals.All) root.Options.Add(option);
        Command[] commands =
        [
            ListCommand.Create(runner),
            GetCommand.Create(runner),
            InstallCommand.Create(runner),
            EnsureCommand.Create(runner),
            RemoveCommand.Create(runner),
            ValidateCommand.Create(runner),
            NodesCommand.Create(runner),
            ActionCommand.Create(runner),
            CheckCommand.Create(runner),
            DatabasesCommand.Create(runner),
            UpgradeDbCommand.Create(runner),
        ];
        foreach (Command command in commands) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code. <paramref name="handleCtrlC"/> is for the real process only.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken, bool handleCtrlC = false)
    {
        var globals = new GlobalOptions();
        ParseResult parse = CreateRootCommand(globals, environment).Parse(args);
        if (parse.Errors.Count > 0) return ReportUsageErrors(parse, globals, environment, MistypedPasswords(args));

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            ProcessTerminationTimeout = handleCtrlC ? CancellationGrace : null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static int ReportUsageErrors(ParseResult parse, GlobalOptions globals, CliEnvironment environment, SecretRedactor secrets)
    {
        var output = new CommandOutput(environment, parse.GetResult(globals.Output) is { } outputResult && !outputResult.Errors.Any() ? parse.GetValue(globals.Output) : OutputFormat.Table, quiet: false);
        string message = secrets.Redact(string.Join(" ", parse.Errors.Select(e => e.Message)));
        output.Error($"{message} Run 'redis-modules --help' (or 'redis-modules <command> --help') for usage.");
        if (output.IsJson)
        {
            var error = new ErrorView(ExitCodes.Usage, "UsageError", message, ErrorCode: null, Status: null, Problems: null);
            output.Result(new ErrorDocument(error), CliJsonContext.Output.ErrorDocument, _ => new Spectre.Console.Text(string.Empty));
        }

        return ExitCodes.Usage;
    }

    /// <summary>
    /// The values given to a password flag, which does not exist (<c>--password x</c>, <c>--password=x</c>): the parse error
    /// quotes every token it does not know, and must not quote these.
    /// </summary>
    private static SecretRedactor MistypedPasswords(string[] args)
    {
        var secrets = new SecretRedactor();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--pass", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--password-stdin", StringComparison.Ordinal)) continue;
            int delimiter = arg.IndexOfAny(['=', ':']);
            secrets.Add(delimiter >= 0 ? arg[(delimiter + 1)..] : i + 1 < args.Length ? args[i + 1] : null);
        }

        return secrets;
    }
}
