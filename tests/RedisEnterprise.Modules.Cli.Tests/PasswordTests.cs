namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary>The password appears in no output of any command: tables, <c>--output json</c>, progress, warnings and errors.</summary>
public sealed class PasswordTests : IAsyncDisposable
{
    private const string Password = "Sup3r-Secret-Passw0rd!";
    private const string WrongPassword = "Wr0ng-Secret-Passw0rd?";

    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { Password = Password, AllowModulesUpload = true });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    public static TheoryData<string, bool> Modes => new() { { "table", false }, { "json", true } };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task No_command_prints_the_password_whether_it_succeeds_or_fails(string output, bool terminal)
    {
        string good = new ModulePackageBuilder("secretive", "1.0.0").WriteToTempFile();
        string bad = new ModulePackageBuilder("broken", "1.0.0").WithoutModuleJsonProperty("module_name").WriteToTempFile();
        string[][] commands =
        [
            ["list"], ["nodes"], ["get", "ReJSON"], ["get", "nothing@1.0"], ["install", good], ["install", good], ["install", bad],
            ["ensure", good], ["remove", "bf", "--yes"], ["action", "no-such-action", "--wait"], ["frobnicate"],
            ["check", good], ["check", bad], ["databases"], ["upgrade-db", "1", "--module", "ReJSON@2.8.4", "--dry-run"],
        ];

        var results = new List<CliResult>();
        for (int i = 0; i < commands.Length; i++)
        {
            // The password from stdin and from the environment, in turns.
            results.Add(i % 2 == 0
                ? await Cli.RunAsync([.. commands[i], "-o", output, .. Cli.ConnectionFlags(_cluster)], stdin: Password + "\n", terminal: terminal)
                : await Cli.RunAsync([.. commands[i], "-o", output, "--pin", _cluster.CertificateThumbprint], variables: Variables(Password), terminal: terminal));
        }

        Assert.Contains(results, r => r.ExitCode == 0);
        Assert.Contains(results, r => r.ExitCode == 1);
        Assert.Contains(results, r => r.ExitCode == 2);
        AssertNoPassword(results, Password);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public async Task A_wrong_password_is_refused_without_printing_it(string output)
    {
        CliResult result = await Cli.RunAsync(["list", "-o", output, .. Cli.ConnectionFlags(_cluster)], stdin: WrongPassword + "\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Error, StringComparison.Ordinal);
        AssertNoPassword([result], WrongPassword);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public async Task A_cluster_that_cannot_be_reached_or_a_bad_setting_does_not_print_the_password(string output)
    {
        var unreachable = new Dictionary<string, string>(Variables(Password)) { ["REDIS_ENTERPRISE_ENDPOINT"] = "https://127.0.0.1:1" };
        string config = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, $$"""{ "RedisEnterprise": { "Endpoint": "{{_cluster.Endpoint}}", "Username": "u", "Password": "{{Password}}", "MaxRetries": "{{Password}}" } }""", Token);

        CliResult refused = await Cli.RunAsync(["list", "-o", output, "--insecure"], variables: unreachable);
        CliResult badSetting = await Cli.RunAsync(["list", "-o", output, "--config", config]);
        CliResult insecure = await Cli.RunAsync(["list", "-o", output, "--insecure"], variables: Variables(Password));

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(2, badSetting.ExitCode);
        Assert.Contains("MaxRetries", badSetting.Error, StringComparison.Ordinal);
        Assert.Equal(0, insecure.ExitCode);
        AssertNoPassword([refused, badSetting, insecure], Password);
    }

    [Fact]
    public async Task Ensure_on_many_clusters_whose_file_holds_passwords_prints_none_of_them()
    {
        await using var other = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { Password = "An0ther-Secret-Passw0rd", AllowModulesUpload = false });
        string package = new ModulePackageBuilder("secretive", "1.0.0").WriteToTempFile();
        string clusters = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(clusters, $$"""
            { "Clusters": {
                "one": { "Endpoint": "{{_cluster.Endpoint}}", "Username": "{{_cluster.Username}}", "Password": "{{Password}}", "CertificateThumbprint": "{{_cluster.CertificateThumbprint}}" },
                "two": { "Endpoint": "{{other.Endpoint}}", "Username": "{{other.Username}}", "Password": "An0ther-Secret-Passw0rd", "CertificateThumbprint": "{{other.CertificateThumbprint}}" },
                "wrong": { "Endpoint": "{{_cluster.Endpoint}}", "Username": "{{_cluster.Username}}", "Password": "{{WrongPassword}}", "CertificateThumbprint": "{{_cluster.CertificateThumbprint}}" } } }
            """, Token);

        CliResult json = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "-o", "json"]);
        CliResult table = await Cli.RunAsync(["ensure", package, "--clusters", clusters]);

        Assert.Equal(3, json.ExitCode); // "two" has uploads off: the compatibility check's problem
        Assert.Equal([true, false, false], json.Json().GetProperty("clusters").EnumerateArray().Select(r => r.GetProperty("succeeded").GetBoolean()));
        AssertNoPassword([json, table], Password);
        AssertNoPassword([json, table], WrongPassword);
        AssertNoPassword([json, table], "An0ther-Secret-Passw0rd");
    }

    [Fact]
    public async Task Ensure_on_many_clusters_does_not_print_credentials_put_in_an_endpoint()
    {
        const string InAddress = "In-Addr3ss-Passw0rd";
        string package = new ModulePackageBuilder("secretive", "1.0.0").WriteToTempFile();
        string clusters = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.json");
        var endpoint = new UriBuilder(_cluster.Endpoint) { UserName = "admin", Password = InAddress };
        await File.WriteAllTextAsync(clusters, $$"""{ "Clusters": { "one": { "Endpoint": "{{endpoint.Uri}}", "Username": "{{_cluster.Username}}", "Password": "{{Password}}" } } }""", Token);

        CliResult json = await Cli.RunAsync(["ensure", package, "--clusters", clusters, "-o", "json"]);
        CliResult table = await Cli.RunAsync(["ensure", package, "--clusters", clusters]);

        Assert.Equal(2, json.ExitCode); // the SDK refuses an endpoint that carries credentials
        Assert.Contains(_cluster.Endpoint.Authority, json.Out, StringComparison.Ordinal); // the row still says which cluster
        AssertNoPassword([json, table], InAddress);
        AssertNoPassword([json, table], Password);
    }

    [Fact]
    public async Task A_password_too_short_to_search_for_leaves_the_messages_whole()
    {
        var variables = new Dictionary<string, string>(Variables("b")) { ["REDIS_ENTERPRISE_ENDPOINT"] = "https://127.0.0.1:1" };

        CliResult result = await Cli.RunAsync(["list", "--insecure"], variables: variables);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not be reached", result.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Variables(string password) => new()
    {
        ["REDIS_ENTERPRISE_ENDPOINT"] = _cluster.Endpoint.ToString(),
        ["REDIS_ENTERPRISE_USERNAME"] = _cluster.Username,
        ["REDIS_ENTERPRISE_PASSWORD"] = password,
    };

    private static void AssertNoPassword(IEnumerable<CliResult> results, string password)
    {
        foreach (CliResult result in results)
        {
            Assert.False(result.Out.Contains(password, StringComparison.Ordinal), $"stdout has the password:{Environment.NewLine}{result}");
            Assert.False(result.Error.Contains(password, StringComparison.Ordinal), $"stderr has the password:{Environment.NewLine}{result}");
        }
    }
}
