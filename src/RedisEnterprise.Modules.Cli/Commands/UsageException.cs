namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>The command line or the connection settings are wrong (exit code 2); the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
