namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary><c>list</c>, <c>get</c> and <c>nodes</c> against the simulated cluster, in both output modes.</summary>
public sealed class ReadCommandTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task List_prints_a_table_row_for_each_module_and_nothing_on_stderr()
    {
        CliResult result = await Cli.RunAsync(_cluster, "list");

        Assert.Equal(0, result.ExitCode);
        foreach (ModuleInfo module in _cluster.Modules)
        {
            Assert.Contains(result.Out.Split('\n'), line => line.Contains(module.ModuleName!) && line.Contains(module.SemanticVersion!) && line.Contains(module.Uid));
        }

        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task List_json_is_one_document_with_every_module_and_its_fields()
    {
        CliResult result = await Cli.RunAsync(_cluster, "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        JsonElement[] modules = [.. result.Json().GetProperty("modules").EnumerateArray()];
        Assert.Equal(_cluster.Modules.Select(m => m.Uid).Order(), modules.Select(m => m.GetProperty("uid").GetString()).Order());
        ModuleInfo json = _cluster.Modules.Single(m => m.ModuleName == "ReJSON");
        JsonElement row = modules.Single(m => m.GetProperty("module_name").GetString() == "ReJSON");
        Assert.Equal(json.SemanticVersion, row.GetProperty("semantic_version").GetString());
        Assert.Equal(json.Version, row.GetProperty("version").GetInt64());
        Assert.True(row.GetProperty("is_bundled").GetBoolean());
        Assert.Equal(JsonValueKind.Array, row.GetProperty("capabilities").ValueKind);
    }

    [Fact]
    public async Task Get_finds_a_module_by_uid_by_name_at_version_and_by_name()
    {
        ModuleInfo rejson = _cluster.Modules.Single(m => m.ModuleName == "ReJSON");

        foreach (string reference in new[] { rejson.Uid, $"ReJSON@{rejson.SemanticVersion}", $"rejson@{rejson.Version}", "ReJSON" })
        {
            CliResult result = await Cli.RunAsync(_cluster, "get", reference, "-o", "json");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(rejson.Uid, result.Json().GetProperty("module").GetProperty("uid").GetString());
        }
    }

    [Fact]
    public async Task Get_by_a_bare_name_picks_the_highest_version()
    {
        using RedisEnterpriseModulesClient client = _cluster.CreateClient();
        string newer = new ModulePackageBuilder("ReJSON", "9.0.0").WriteToTempFile();
        await client.UploadModuleAsync(newer, new UploadModuleOptions { EnableModuleUploads = true }, TestContext.Current.CancellationToken);

        CliResult result = await Cli.RunAsync(_cluster, "get", "ReJSON", "-o", "json");

        Assert.Equal("9.0.0", result.Json().GetProperty("module").GetProperty("semantic_version").GetString());
    }

    [Fact]
    public async Task Get_prints_the_module_as_fields_in_table_mode()
    {
        ModuleInfo rejson = _cluster.Modules.Single(m => m.ModuleName == "ReJSON");

        CliResult result = await Cli.RunAsync(_cluster, "get", rejson.Uid);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Out.Split('\n'), line => line.Contains("semantic version") && line.Contains(rejson.SemanticVersion!));
        Assert.Contains(result.Out.Split('\n'), line => line.Contains("display name") && line.Contains(rejson.DisplayName!));
    }

    [Fact]
    public async Task Get_of_a_missing_module_exits_1_with_the_clusters_404_in_both_modes()
    {
        CliResult table = await Cli.RunAsync(_cluster, "get", "0123456789abcdef0123456789abcdef");
        CliResult json = await Cli.RunAsync(_cluster, "get", "ReJSON@0.0.1", "-o", "json");

        Assert.Equal(1, table.ExitCode);
        Assert.Equal(string.Empty, table.Out);
        Assert.StartsWith("error: ", table.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        JsonElement error = json.Json().GetProperty("error");
        Assert.Equal("ModuleNotFoundException", error.GetProperty("type").GetString());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal(1, error.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Nodes_lists_every_node_with_its_software_os_and_architecture()
    {
        CliResult table = await Cli.RunAsync(_cluster, "nodes");
        CliResult json = await Cli.RunAsync(_cluster, "nodes", "-o", "json");

        Assert.Equal(0, table.ExitCode);
        foreach (NodeInfo node in _cluster.Nodes) Assert.Contains(table.Out.Split('\n'), line => line.Contains(node.Address!) && line.Contains(node.SoftwareVersion!) && line.Contains(node.Architecture!));
        JsonElement document = json.Json();
        Assert.Equal("user_defined", document.GetProperty("module_management").GetString());
        Assert.Equal(_cluster.Nodes.Select(n => n.Uid), document.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("uid").GetInt32()));
        Assert.All(document.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("rhel", n.GetProperty("os_name").GetString()));
    }

    [Fact]
    public async Task Nodes_of_a_7_x_cluster_say_it_takes_cluster_uploads()
    {
        await using var legacy = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170" });

        CliResult result = await Cli.RunAsync(legacy, "nodes", "-o", "json");

        Assert.Equal("cluster_upload", result.Json().GetProperty("module_management").GetString());
    }
}
