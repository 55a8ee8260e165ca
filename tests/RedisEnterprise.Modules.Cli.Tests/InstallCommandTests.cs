namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary><c>install</c> and <c>validate</c>: the upload on both lines of Redis Software, and the checks made before it.</summary>
public sealed class InstallCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Install_on_8_2_uploads_to_every_node_and_prints_the_module()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("clitest", "1.2.3").WriteToTempFile();

        CliResult result = await Cli.RunAsync(cluster, "install", package);

        Assert.True(result.ExitCode == 0, result.ToString());
        ModuleInfo installed = Assert.Single(cluster.Modules, m => m.ModuleName == "clitest");
        Assert.Contains(result.Out.Split('\n'), line => line.Contains("uid") && line.Contains(installed.Uid));
        Assert.All(cluster.Nodes, node => Assert.Contains(cluster.NodeArtifacts(node.Uid), a => a.ModuleName == "clitest"));
    }

    [Fact]
    public async Task Install_json_names_the_module_the_cluster_stored()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 1 });
        string package = new ModulePackageBuilder("clitest", "2.0.1").WriteToTempFile();

        CliResult result = await Cli.RunAsync(cluster, "install", package, "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement module = result.Json().GetProperty("module");
        Assert.Equal(Assert.Single(cluster.Modules, m => m.ModuleName == "clitest").Uid, module.GetProperty("uid").GetString());
        Assert.Equal("2.0.1", module.GetProperty("semantic_version").GetString());
        Assert.Equal(20001, module.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Install_with_uploads_off_exits_3_from_the_check_and_sends_nothing_then_enable_uploads_installs()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = false });
        string package = new ModulePackageBuilder("clitest", "1.0.0").WriteToTempFile();

        CliResult refused = await Cli.RunAsync(cluster, "install", package, "-o", "json");
        refused.AssertFailedWithProblem(3, "ModuleCompatibilityException", ModuleCompatibilityIssueCodes.ModulesUploadDisabled);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "POST");

        CliResult installed = await Cli.RunAsync(cluster, "install", package, "--enable-uploads");
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Contains(cluster.Modules, m => m.ModuleName == "clitest");
        Assert.False(cluster.AllowModulesUpload);
    }

    [Fact]
    public async Task Install_of_an_invalid_package_exits_1_with_its_problems_and_sends_nothing()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string package = new ModulePackageBuilder("clitest", "1.0.0").WithoutModuleJsonProperty("module_name").WriteToTempFile();

        CliResult result = await Cli.RunAsync(cluster, "install", package, "-o", "json");

        result.AssertFailedWithProblem(1, "ModulePackageValidationException", ModulePackageProblemCodes.ModuleNameMissing);
        Assert.DoesNotContain(cluster.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Install_of_a_missing_file_exits_1_naming_it()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.zip");

        CliResult result = await Cli.RunAsync(cluster, "install", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_of_a_version_the_cluster_has_exits_1_with_module_exists()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 1 });
        string package = new ModulePackageBuilder("clitest", "1.0.0").WriteToTempFile();
        Assert.Equal(0, (await Cli.RunAsync(cluster, "install", package)).ExitCode);

        CliResult again = await Cli.RunAsync(cluster, "install", package, "-o", "json");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal("module_exists", again.Json().GetProperty("error").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Simulate_installs_on_the_in_process_cluster_without_any_connection_setting()
    {
        string package = new ModulePackageBuilder("simulated", "3.1.4").WriteToTempFile();

        CliResult result = await Cli.RunAsync(["--simulate", "install", package, "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("simulated", result.Json().GetProperty("module").GetProperty("module_name").GetString());
    }

    [Fact]
    public async Task Validate_reports_a_good_package_offline_with_its_module()
    {
        string package = new ModulePackageBuilder("offline", "1.0.0").WriteToTempFile();

        CliResult json = await Cli.RunAsync(["validate", package, "-o", "json"]);
        CliResult table = await Cli.RunAsync(["validate", package]);

        Assert.Equal(0, json.ExitCode);
        JsonElement document = json.Json();
        Assert.True(document.GetProperty("valid").GetBoolean());
        Assert.Equal("offline", document.GetProperty("module").GetProperty("module_name").GetString());
        Assert.Empty(document.GetProperty("problems").EnumerateArray());
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Out.Split('\n'), line => line.Contains("valid") && line.Contains("yes"));
    }

    [Fact]
    public async Task Validate_of_a_broken_package_exits_1_listing_each_problem()
    {
        string package = new ModulePackageBuilder("broken", "1.0.0").WithoutModuleJsonProperty("module_name").WithoutModuleJsonProperty("semantic_version").WriteToTempFile();

        CliResult json = await Cli.RunAsync(["validate", package, "-o", "json"]);
        CliResult table = await Cli.RunAsync(["validate", package]);

        Assert.Equal(1, json.ExitCode);
        JsonElement document = json.Json();
        Assert.False(document.GetProperty("valid").GetBoolean());
        string[] codes = [.. document.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()!)];
        Assert.Contains(ModulePackageProblemCodes.ModuleNameMissing, codes);
        Assert.Equal(1, table.ExitCode);
        Assert.All(codes, code => Assert.Contains(code, table.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_of_a_file_that_is_not_a_zip_says_so()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-a-zip-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(path, "hello", Token);
        try
        {
            CliResult result = await Cli.RunAsync(["validate", path, "-o", "json"]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(result.Json().GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == ModulePackageProblemCodes.NotAZip);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
