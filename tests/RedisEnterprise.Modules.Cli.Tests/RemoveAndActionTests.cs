namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary><c>remove</c> (confirmation, references) and <c>action</c> (a status, or its end).</summary>
public sealed class RemoveAndActionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Remove_with_yes_deletes_the_module_and_prints_what_it_removed()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        ModuleInfo bf = cluster.Modules.Single(m => m.ModuleName == "bf");

        CliResult result = await Cli.RunAsync(cluster, "remove", $"bf@{bf.SemanticVersion}", "--yes", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(bf.Uid, result.Json().GetProperty("removed").GetProperty("uid").GetString());
        Assert.DoesNotContain(cluster.Modules, m => m.Uid == bf.Uid);
    }

    [Fact]
    public async Task Remove_without_yes_off_a_terminal_is_a_usage_error_and_deletes_nothing()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        ModuleInfo bf = cluster.Modules.Single(m => m.ModuleName == "bf");

        CliResult result = await Cli.RunAsync(cluster, "remove", bf.Uid);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--yes", result.Error, StringComparison.Ordinal);
        Assert.Contains(cluster.Modules, m => m.Uid == bf.Uid);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Ctrl_c_at_the_confirmation_prompt_ends_the_wait_and_deletes_nothing()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        ModuleInfo bf = cluster.Modules.Single(m => m.ModuleName == "bf");
        using var input = new SilentInput();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var environment = new CliEnvironment(new StringWriter(), new StringWriter(), input, IsTerminal: true, name => name == "REDIS_ENTERPRISE_PASSWORD" ? cluster.Password : null);
        string[] args = ["remove", bf.Uid, .. Cli.ConnectionFlags(cluster).Where(flag => flag != "--password-stdin")];

        Task<int> run = CliApplication.RunAsync(args, environment, ctrlC.Token);
        await input.ReadStarted.WaitAsync(TimeSpan.FromSeconds(30), Token); // the prompt is waiting for an answer
        ctrlC.Cancel();

        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.Contains(cluster.Modules, m => m.Uid == bf.Uid);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "DELETE");
    }

    [Theory]
    [InlineData("n", true)]
    [InlineData("", true)]
    [InlineData("y", false)]
    [InlineData("yes", false)]
    public async Task Remove_on_a_terminal_asks_and_deletes_only_on_yes(string answer, bool kept)
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        ModuleInfo bf = cluster.Modules.Single(m => m.ModuleName == "bf");

        CliResult result = await Cli.RunAsync(["remove", bf.Uid, .. Cli.ConnectionFlags(cluster)], stdin: $"{cluster.Password}\n{answer}\n", terminal: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[y/N]", result.Error, StringComparison.Ordinal);
        Assert.Equal(kept, cluster.Modules.Any(m => m.Uid == bf.Uid));
    }

    [Fact]
    public async Task Remove_of_a_bare_name_is_refused_naming_its_versions()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();

        CliResult result = await Cli.RunAsync(cluster, "remove", "bf", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"bf@{cluster.Modules.Single(m => m.ModuleName == "bf").SemanticVersion}", result.Error, StringComparison.Ordinal);
        Assert.Contains(cluster.Modules, m => m.ModuleName == "bf");
    }

    [Fact]
    public async Task Remove_of_a_module_a_database_uses_exits_1_with_module_in_use()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        ModuleInfo bf = cluster.Modules.Single(m => m.ModuleName == "bf");
        cluster.MarkModuleInUse(bf.Uid);

        CliResult result = await Cli.RunAsync(cluster, "remove", bf.Uid, "--yes", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("module_in_use", result.Json().GetProperty("error").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Action_shows_the_status_and_wait_follows_it_to_completed()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 3 });
        string actionUid = await StartUploadAsync(cluster);

        CliResult status = await Cli.RunAsync(cluster, "action", actionUid, "-o", "json");
        CliResult waited = await Cli.RunAsync(cluster, "action", actionUid, "--wait", "-o", "json");
        CliResult table = await Cli.RunAsync(cluster, "action", actionUid);

        Assert.Equal(0, status.ExitCode);
        JsonElement first = status.Json().GetProperty("action");
        Assert.Equal(actionUid, first.GetProperty("action_uid").GetString());
        Assert.NotEqual("completed", first.GetProperty("status").GetString());
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.Equal("completed", waited.Json().GetProperty("action").GetProperty("status").GetString());
        Assert.Contains(table.Out.Split('\n'), line => line.Contains("status") && line.Contains("completed"));
    }

    [Fact]
    public async Task Action_wait_on_an_action_that_fails_exits_1_with_its_error()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 2 });
        cluster.FailNextActionWith("unsupported_module_capabilities", "the module needs a capability this database lacks");
        string actionUid = await StartUploadAsync(cluster);

        CliResult result = await Cli.RunAsync(cluster, "action", actionUid, "--wait", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        JsonElement error = result.Json().GetProperty("error");
        Assert.Equal("ActionFailedException", error.GetProperty("type").GetString());
        Assert.Equal("unsupported_module_capabilities", error.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Action_of_an_unknown_uid_exits_1()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170" });

        CliResult result = await Cli.RunAsync(cluster, "action", "00000000-0000-0000-0000-000000000000", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ActionNotFoundException", result.Json().GetProperty("error").GetProperty("type").GetString());
    }

    private static async Task<string> StartUploadAsync(FakeRedisEnterpriseCluster cluster)
    {
        using RedisEnterpriseModulesClient client = cluster.CreateClient();
        ModuleOperation operation = await client.StartUploadModuleAsync(new ModulePackageBuilder("followed", "1.0.0").WriteToTempFile(), cancellationToken: Token);
        return operation.ActionUid;
    }

    /// <summary>A console no one types into: a read blocks until the reader is disposed (a minute at most, so a test that fails cannot hang).</summary>
    private sealed class SilentInput : TextReader
    {
        private readonly ManualResetEventSlim _disposed = new();
        private readonly TaskCompletionSource _readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ReadStarted => _readStarted.Task;

        public override string? ReadLine()
        {
            _readStarted.TrySetResult();
            _disposed.Wait(TimeSpan.FromMinutes(1));
            return null;
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.Set();
            if (disposing) _disposed.Dispose();
            base.Dispose(disposing);
        }
    }
}
