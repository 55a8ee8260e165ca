namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary>Runs the tool in process, as its Main does, with streams and variables of the test's own.</summary>
internal static class Cli
{
    public static Task<CliResult> RunAsync(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? variables = null, bool terminal = false) =>
        RunCancellableAsync(args, TestContext.Current.CancellationToken, stdin, variables, terminal);

    /// <summary>Runs a command against <paramref name="cluster"/>: its endpoint, user and pinned certificate as flags, its password on stdin.</summary>
    public static Task<CliResult> RunAsync(FakeRedisEnterpriseCluster cluster, params string[] args) =>
        RunAsync([.. args, .. ConnectionFlags(cluster)], stdin: cluster.Password + "\n");

    public static async Task<CliResult> RunCancellableAsync(IEnumerable<string> args, CancellationToken cancellationToken, string? stdin = null, IReadOnlyDictionary<string, string>? variables = null, bool terminal = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, new StringReader(stdin ?? string.Empty), terminal, name => variables?.GetValueOrDefault(name));
        int exitCode = await CliApplication.RunAsync([.. args], environment, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static string[] ConnectionFlags(FakeRedisEnterpriseCluster cluster) =>
        ["--endpoint", cluster.Endpoint.ToString(), "--user", cluster.Username, "--password-stdin", "--pin", cluster.CertificateThumbprint];
}
