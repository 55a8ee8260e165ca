namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>What <c>--output json</c> prints when a command fails: <c>{ "error": { … } }</c>.</summary>
internal sealed record ErrorDocument(ErrorView Error);
