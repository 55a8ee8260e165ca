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

    /// <summary>Asserts the run exited <paramref name="exitCode"/> with an error document of <paramref name="type"/> listing a problem coded <paramref name="code"/>.</summary>
    public void AssertFailedWithProblem(int exitCode, string type, string code)
    {
        Assert.Equal(exitCode, ExitCode);
        JsonElement error = Json().GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Contains(error.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == code);
    }

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Out}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
