namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary>What one run of the tool left: its exit code, stdout and stderr.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>stdout as the one JSON document <c>--output json</c> promises (fails the test when it is not).</summary>
    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Out}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
