using System.Diagnostics;

namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary>The documented exit codes, stdout holding nothing but the result, progress only on a terminal, and --quiet.</summary>
public sealed class OutputAndExitCodeTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("get")]
    [InlineData("list", "--output", "xml")]
    [InlineData("remove")]
    [InlineData("action")]
    public async Task A_wrong_command_line_exits_2_with_the_reason_on_stderr(params string[] args)
    {
        CliResult result = await Cli.RunAsync(["--simulate", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_at_all_exits_2()
    {
        CliResult result = await Cli.RunAsync([]);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task A_usage_error_with_json_output_is_an_error_document_with_exit_code_2()
    {
        CliResult result = await Cli.RunAsync(["--simulate", "get", "-o", "json"]);

        Assert.Equal(2, result.ExitCode);
        JsonElement error = result.Json().GetProperty("error");
        Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
        Assert.Equal("UsageError", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        CliResult result = await Cli.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "list", "get", "install", "ensure", "remove", "check", "validate", "nodes", "databases", "upgrade-db", "action" })
        {
            Assert.Contains(result.Out.Split('\n'), line => line.TrimStart().StartsWith(command, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Ctrl_c_while_a_call_is_on_its_way_exits_130_saying_it_was_cancelled()
    {
        await using var slow = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { ResponseDelay = TimeSpan.FromSeconds(20) });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        CliResult result = await Cli.RunCancellableAsync(["list", "-o", "json", .. Cli.ConnectionFlags(slow)], cancellation.Token, stdin: slow.Password);

        Assert.Equal(130, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("cancelled", result.Error, StringComparison.Ordinal);
        Assert.Equal(130, result.Json().GetProperty("error").GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Ctrl_c_while_waiting_for_an_install_names_the_action_that_goes_on()
    {
        await using var legacy = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 1_000_000 });
        string package = new ModulePackageBuilder("slow", "1.0.0").WriteToTempFile();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromSeconds(2));

        CliResult result = await Cli.RunCancellableAsync(["install", package, .. Cli.ConnectionFlags(legacy)], cancellation.Token, stdin: legacy.Password);

        Assert.Equal(130, result.ExitCode);
        string actionUid = ActionUidFromMessage(result.Error);
        Assert.Contains($"redis-modules action {actionUid} --wait", result.Error, StringComparison.Ordinal);
        CliResult action = await Cli.RunAsync(legacy, "action", actionUid, "-o", "json"); // the uid named is the cluster's running action
        Assert.Equal(0, action.ExitCode);
        Assert.Equal(actionUid, action.Json().GetProperty("action").GetProperty("action_uid").GetString());
    }

    [Fact]
    public async Task Quiet_prints_no_table_but_json_is_still_the_document()
    {
        CliResult table = await Cli.RunAsync(["--simulate", "list", "--quiet"]);
        CliResult json = await Cli.RunAsync(["--simulate", "list", "--quiet", "-o", "json"]);

        Assert.Equal(0, table.ExitCode);
        Assert.Equal(string.Empty, table.Out);
        Assert.Equal(0, json.ExitCode);
        Assert.True(json.Json().GetProperty("modules").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Off_a_terminal_an_install_writes_no_progress_anywhere()
    {
        string package = new ModulePackageBuilder("quietly", "1.0.0").WithPayloadSize(256 * 1024).WriteToTempFile();

        CliResult result = await Cli.RunAsync(["--simulate", "install", package, "-o", "json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal("quietly", result.Json().GetProperty("module").GetProperty("module_name").GetString());
    }

    [Fact]
    public async Task On_a_terminal_progress_goes_to_stderr_and_stdout_stays_one_json_document()
    {
        string package = new ModulePackageBuilder("watched", "1.0.0").WithPayloadSize(256 * 1024).WriteToTempFile();

        CliResult result = await Cli.RunAsync(["--simulate", "install", package, "-o", "json"], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("upload to node", result.Error, StringComparison.Ordinal);
        Assert.Equal("watched", result.Json().GetProperty("module").GetProperty("module_name").GetString());
    }

    private static string ActionUidFromMessage(string error) =>
        error.Split(' ').SkipWhile(word => word != "action").Skip(1).First().TrimEnd(';');
}
