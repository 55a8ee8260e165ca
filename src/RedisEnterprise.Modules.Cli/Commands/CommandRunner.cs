using System.CommandLine;
using RedisEnterprise.Modules.Cli.Connection;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>Runs a command's action: makes its output and connector, and turns any failure into its message and exit code.</summary>
internal sealed class CommandRunner(GlobalOptions globals, CliEnvironment environment)
{
    public GlobalOptions Globals { get; } = globals;

    /// <summary>An action that needs no cluster (<c>validate</c>), or reaches clusters itself (<c>ensure --clusters</c>).</summary>
    public void SetAction(Command command, Func<CommandContext, Task<int>> run) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, run, cancellationToken));

    /// <summary>An action against the cluster the global options name.</summary>
    public void SetClusterAction(Command command, Func<CommandContext, IRedisEnterpriseModulesClient, Task<int>> run) =>
        SetAction(command, async context =>
        {
            await using ClusterSession session = await context.Connector.ConnectAsync(target: null, context.Cancellation).ConfigureAwait(false);
            return await run(context, session.Client).ConfigureAwait(false);
        });

    /// <summary>The message a failure is shown with: the exception's own (the SDK's are free of secrets), this run's passwords struck.</summary>
    public static string MessageOf(Exception e, SecretRedactor secrets) =>
        secrets.Redact(e is OperationCanceledException ? "cancelled." : e.Message);

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, Task<int>> run, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(environment, parse.GetValue(Globals.Output), parse.GetValue(Globals.Quiet));
        var secrets = new SecretRedactor();
        var connector = new ClusterConnector(Globals, parse, environment, output, secrets);
        try
        {
            await connector.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return await run(new CommandContext(parse, environment, output, connector, secrets, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ErrorView error = CommandFailure.Describe(e, MessageOf(e, secrets));
            output.Error(error.Message);
            if (output.IsJson) output.Result(new ErrorDocument(error), CliJsonContext.Output.ErrorDocument, _ => new Spectre.Console.Text(string.Empty));
            return error.ExitCode;
        }
    }
}
