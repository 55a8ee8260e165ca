using System.CommandLine;
using RedisEnterprise.Modules.Cli.Connection;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>One run of one command: its parsed line, where it prints, how it reaches clusters, and its cancellation.</summary>
internal sealed class CommandContext(ParseResult parse, CliEnvironment environment, CommandOutput output, ClusterConnector connector, SecretRedactor secrets, CancellationToken cancellation)
{
    public ParseResult Parse { get; } = parse;

    public CliEnvironment Environment { get; } = environment;

    public CommandOutput Output { get; } = output;

    public ClusterConnector Connector { get; } = connector;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Strikes this run's passwords from a message before it is printed.</summary>
    public SecretRedactor Secrets { get; } = secrets;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Value<T>(Argument<T> argument) => Parse.GetRequiredValue(argument);
}
