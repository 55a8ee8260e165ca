using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli;

/// <summary>The options every command takes: where the cluster is, how to trust it, and how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "The cluster's REST API, e.g. https://cluster.example.com:9443 (or REDIS_ENTERPRISE_ENDPOINT).",
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "The user to sign in as (or REDIS_ENTERPRISE_USERNAME).",
        Recursive = true,
    };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input (or REDIS_ENTERPRISE_PASSWORD). Never a flag's value.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "An appsettings.json whose RedisEnterprise section holds the connection, as the dependency injection binding reads it.",
        Recursive = true,
    };

    public Option<string?> CaCert { get; } = new("--ca-cert")
    {
        Description = "Trust this PEM or DER file's certificates (the cluster's CA or its self-signed certificate).",
        Recursive = true,
    };

    public Option<string?> Pin { get; } = new("--pin")
    {
        Description = "Pin the cluster's certificate: its SHA-256 in hex, colons allowed.",
        Recursive = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Accept any certificate (test clusters only; prints a warning). Or REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true.",
        Recursive = true,
    };

    public Option<bool> Simulate { get; } = new("--simulate")
    {
        Description = "Run against an in-process simulated cluster (Redis Software 8.2, 3 nodes, uploads allowed, database 1 on ReJSON 2.6.6) instead of a real one.",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (for people) or json (one document, for pipelines).",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress, no warnings, and no table: the exit code says how it went (errors still go to stderr; json is still printed).",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Endpoint, User, PasswordStdin, Config, CaCert, Pin, Insecure, Simulate, Output, Quiet];
}
