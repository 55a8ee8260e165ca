namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary><c>ensure</c> on one cluster, on a folder of packages, and on many clusters with <c>--clusters</c> and <c>--parallel</c>.</summary>
public sealed class EnsureCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensure_uploads_once_then_says_it_was_already_installed()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("ensured", "1.0.0").WriteToTempFile();

        CliResult first = await Cli.RunAsync(cluster, "ensure", package, "-o", "json");
        CliResult second = await Cli.RunAsync(cluster, "ensure", package);

        Assert.True(first.ExitCode == 0, first.ToString());
        JsonElement row = Assert.Single(first.Json().GetProperty("results").EnumerateArray());
        Assert.True(row.GetProperty("uploaded").GetBoolean());
        Assert.Equal(Path.GetFileName(package), row.GetProperty("package").GetString());
        Assert.Equal(0, second.ExitCode);
        Assert.Contains(second.Out.Split('\n'), line => line.Contains("ensured") && line.Contains("already installed"));
        Assert.Single(cluster.Requests, r => r.Method == "POST" && r.Path == "/v2/modules/user-defined");
    }

    [Fact]
    public async Task Ensure_repairs_a_node_that_joined_later_and_names_it()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("ensured", "1.0.0").WriteToTempFile();
        Assert.Equal(0, (await Cli.RunAsync(cluster, "ensure", package)).ExitCode);
        NodeInfo joined = cluster.AddNode();

        CliResult result = await Cli.RunAsync(cluster, "ensure", package, "-o", "json");

        JsonElement row = Assert.Single(result.Json().GetProperty("results").EnumerateArray());
        Assert.False(row.GetProperty("uploaded").GetBoolean());
        Assert.Equal([joined.Uid], row.GetProperty("repaired_nodes").EnumerateArray().Select(n => n.GetInt32()));
    }

    [Fact]
    public async Task Ensure_of_a_folder_makes_sure_of_each_package_in_name_order()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string folder = Directory.CreateTempSubdirectory("cli-ensure-").FullName;
        try
        {
            new ModulePackageBuilder("beta", "1.0.0").WriteTo(Path.Combine(folder, "b.zip"));
            new ModulePackageBuilder("alpha", "1.0.0").WriteTo(Path.Combine(folder, "a.zip"));

            CliResult result = await Cli.RunAsync(cluster, "ensure", folder, "-o", "json");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["alpha", "beta"], result.Json().GetProperty("results").EnumerateArray().Select(r => r.GetProperty("module").GetProperty("module_name").GetString()));
            Assert.Contains(cluster.Modules, m => m.ModuleName == "alpha");
            Assert.Contains(cluster.Modules, m => m.ModuleName == "beta");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ensure_of_an_empty_folder_is_a_usage_error()
    {
        string folder = Directory.CreateTempSubdirectory("cli-empty-").FullName;
        try
        {
            CliResult result = await Cli.RunAsync(["--simulate", "ensure", folder]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("*.zip", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ensure_on_many_clusters_prints_one_row_per_cluster_in_the_files_order()
    {
        await using var eu = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        await using var us = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 1 });
        await using var ap = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();
        string clusters = await WriteClustersFileAsync(("eu", eu), ("us", us), ("ap", ap));

        CliResult json = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "--parallel", "2", "-o", "json"], stdin: eu.Password + "\n");
        CliResult table = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "--parallel", "2", "--password-stdin"], stdin: eu.Password + "\n");

        Assert.True(json.ExitCode == 0, json.ToString());
        JsonElement[] rows = [.. json.Json().GetProperty("clusters").EnumerateArray()];
        Assert.Equal(["eu", "us", "ap"], rows.Select(r => r.GetProperty("cluster").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("succeeded").GetBoolean()));
        Assert.All(rows, r => Assert.True(Assert.Single(r.GetProperty("results").EnumerateArray()).GetProperty("uploaded").GetBoolean()));
        Assert.All(new[] { eu, us, ap }, c => Assert.Contains(c.Modules, m => m.ModuleName == "geo"));
        Assert.Equal(0, table.ExitCode);
        foreach (string name in new[] { "eu", "us", "ap" }) Assert.Contains(table.Out.Split('\n'), line => line.Contains(name) && line.Contains("already installed"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Parallel_bounds_how_many_clusters_are_worked_on_at_once(int parallel)
    {
        // Each answer waits, so every cluster's requests span a few hundred milliseconds; a cluster's first request comes
        // only once the tool works on it, and its last before the tool moves on.
        FakeRedisEnterpriseCluster[] fakes = [.. Enumerable.Range(0, 4).Select(_ => FakeRedisEnterpriseCluster.Start(new FakeClusterOptions
        {
            SoftwareVersion = "7.22.2-170",
            PollsToComplete = 1,
            ResponseDelay = TimeSpan.FromMilliseconds(40),
        }))];
        try
        {
            string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();
            string clusters = await WriteClustersFileAsync([.. fakes.Select((fake, i) => ($"c{i}", fake))]);

            CliResult result = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json"]);

            Assert.True(result.ExitCode == 0, result.ToString());
            (DateTimeOffset First, DateTimeOffset Last)[] spans = [.. fakes.Select(f => (f.Requests.Min(r => r.AnsweredAt), f.Requests.Max(r => r.AnsweredAt)))];
            int mostAtOnce = spans.Max(span => spans.Count(other => other.First <= span.First && other.Last >= span.First));
            Assert.Equal(parallel, mostAtOnce);
        }
        finally
        {
            foreach (FakeRedisEnterpriseCluster fake in fakes) await fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cluster_that_fails_gets_its_error_row_and_the_others_still_install()
    {
        await using var good = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        await using var off = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = false });
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();
        string clusters = await WriteClustersFileAsync(("good", good), ("off", off));

        CliResult result = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "-o", "json"]);

        Assert.Equal(3, result.ExitCode); // the compatibility check's problem: uploads are off
        JsonElement[] rows = [.. result.Json().GetProperty("clusters").EnumerateArray()];
        Assert.True(rows[0].GetProperty("succeeded").GetBoolean());
        Assert.False(rows[1].GetProperty("succeeded").GetBoolean());
        Assert.Equal("ModuleCompatibilityException", rows[1].GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(good.Modules, m => m.ModuleName == "geo");
    }

    [Fact]
    public async Task A_cluster_without_an_endpoint_is_a_usage_error_row_exit_2()
    {
        await using var good = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();
        string clusters = await WriteClustersFileAsync(new Dictionary<string, Dictionary<string, string>> { ["nowhere"] = new() { ["Username"] = "a" }, ["good"] = Settings(good) });

        CliResult result = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "-o", "json"]);

        Assert.Equal(2, result.ExitCode);
        JsonElement nowhere = result.Json().GetProperty("clusters").EnumerateArray().Single(r => r.GetProperty("cluster").GetString() == "nowhere");
        Assert.Contains("Endpoint", nowhere.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(good.Modules, m => m.ModuleName == "geo");
    }

    [Fact]
    public async Task Simulate_gives_each_cluster_of_a_file_its_own_simulated_cluster()
    {
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();
        string clusters = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(clusters, """{ "Clusters": [ { "Name": "one" }, { "Name": "two" } ] }""", Token);

        CliResult result = await Cli.RunAsync(["--simulate", "ensure", package, "--clusters", clusters, "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["one", "two"], result.Json().GetProperty("clusters").EnumerateArray().Select(r => r.GetProperty("cluster").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Parallel_below_1_is_a_usage_error(string parallel)
    {
        CliResult result = await Cli.RunAsync(["--simulate", "ensure", "x.zip", "--clusters", "c.json", "--parallel", parallel]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--parallel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_without_clusters_is_a_usage_error()
    {
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();

        CliResult result = await Cli.RunAsync(["--simulate", "ensure", package, "--parallel", "2"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--clusters", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clusters_file_that_does_not_exist_or_names_no_cluster_is_a_usage_error()
    {
        string empty = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(empty, "{}", Token);
        string package = new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile();

        CliResult missing = await Cli.RunAsync(["--simulate", "ensure", package, "--clusters", empty + ".missing"]);
        CliResult none = await Cli.RunAsync(["--simulate", "ensure", package, "--clusters", empty]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("names no cluster", none.Error, StringComparison.Ordinal);
    }

    /// <summary>A clusters file naming each fake by its endpoint, user, password and pinned certificate.</summary>
    private static Task<string> WriteClustersFileAsync(params (string Name, FakeRedisEnterpriseCluster Cluster)[] clusters) =>
        WriteClustersFileAsync(clusters.ToDictionary(c => c.Name, c => Settings(c.Cluster)));

    private static async Task<string> WriteClustersFileAsync(Dictionary<string, Dictionary<string, string>> clusters)
    {
        string path = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, Dictionary<string, string>>> { ["Clusters"] = clusters }), Token);
        return path;
    }

    private static Dictionary<string, string> Settings(FakeRedisEnterpriseCluster cluster) => new()
    {
        ["Endpoint"] = cluster.Endpoint.ToString(),
        ["Username"] = cluster.Username,
        ["Password"] = cluster.Password,
        ["CertificateThumbprint"] = cluster.CertificateThumbprint,
    };
}
