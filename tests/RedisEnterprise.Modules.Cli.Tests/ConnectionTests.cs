namespace RedisEnterprise.Modules.Cli.Tests;

/// <summary>Where the connection comes from (flags, the quickstart's variables, --config) and how the cluster is trusted.</summary>
public sealed class ConnectionTests : IAsyncDisposable
{
    private readonly FakeRedisEnterpriseCluster _cluster = FakeRedisEnterpriseCluster.Start();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task The_quickstarts_environment_variables_connect()
    {
        CliResult result = await Cli.RunAsync(["list", "-o", "json", "--pin", _cluster.CertificateThumbprint], variables: Variables());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(_cluster.Modules.Count, result.Json().GetProperty("modules").GetArrayLength());
    }

    [Fact]
    public async Task Skip_tls_verify_from_the_environment_connects_with_a_warning_on_stderr()
    {
        var variables = new Dictionary<string, string>(Variables()) { ["REDIS_ENTERPRISE_SKIP_TLS_VERIFY"] = "true" };

        CliResult result = await Cli.RunAsync(["list", "-o", "json"], variables: variables);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: certificate validation is off", result.Error, StringComparison.Ordinal);
        Assert.Equal(_cluster.Modules.Count, result.Json().GetProperty("modules").GetArrayLength());
    }

    [Fact]
    public async Task Insecure_connects_with_a_warning_that_quiet_silences()
    {
        CliResult loud = await Cli.RunAsync(["list", "--insecure", .. Flags()], stdin: _cluster.Password);
        CliResult quiet = await Cli.RunAsync(["list", "--insecure", "--quiet", .. Flags()], stdin: _cluster.Password);

        Assert.Equal(0, loud.ExitCode);
        Assert.Contains("--insecure", loud.Error, StringComparison.Ordinal);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(string.Empty, quiet.Error);
    }

    [Fact]
    public async Task Without_trust_the_fakes_own_certificate_is_refused_as_a_tls_failure()
    {
        CliResult result = await Cli.RunAsync(["list", "-o", "json", .. Flags()], stdin: _cluster.Password);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("RedisEnterpriseConnectionException", result.Json().GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(0, result.Json().GetProperty("error").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Ca_cert_trusts_the_file_it_names()
    {
        string pem = Path.Combine(Path.GetTempPath(), $"fake-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, _cluster.Certificate.ExportCertificatePem(), Token);
        try
        {
            CliResult result = await Cli.RunAsync(["list", "--ca-cert", pem, .. Flags()], stdin: _cluster.Password);

            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task Config_reads_the_section_the_dependency_injection_binding_reads_and_flags_win_over_it()
    {
        string config = await WriteConfigAsync(new Dictionary<string, string>
        {
            ["Endpoint"] = "https://elsewhere.invalid:9443",
            ["Username"] = _cluster.Username,
            ["Password"] = _cluster.Password,
            ["CertificateThumbprint"] = _cluster.CertificateThumbprint,
        });

        CliResult fromFile = await Cli.RunAsync(["list", "--config", config, "--endpoint", _cluster.Endpoint.ToString(), "-o", "json"]);

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(_cluster.Modules.Count, fromFile.Json().GetProperty("modules").GetArrayLength());
    }

    [Fact]
    public async Task A_config_file_saved_with_a_byte_order_mark_reads_as_the_configuration_reads_it()
    {
        string config = await WriteConfigAsync(new Dictionary<string, string>
        {
            ["Endpoint"] = _cluster.Endpoint.ToString(),
            ["Username"] = _cluster.Username,
            ["Password"] = _cluster.Password,
            ["CertificateThumbprint"] = _cluster.CertificateThumbprint,
        });
        await File.WriteAllBytesAsync(config, [0xEF, 0xBB, 0xBF, .. await File.ReadAllBytesAsync(config, Token)], Token);

        CliResult result = await Cli.RunAsync(["list", "--config", config, "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_config_value_that_does_not_read_is_a_usage_error_naming_its_key()
    {
        string config = await WriteConfigAsync(new Dictionary<string, string>
        {
            ["Endpoint"] = _cluster.Endpoint.ToString(),
            ["Username"] = _cluster.Username,
            ["Password"] = _cluster.Password,
            ["RequestTimeout"] = "soon",
        });

        CliResult result = await Cli.RunAsync(["list", "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("RedisEnterprise:RequestTimeout", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Requests, r => r.Path.Length > 0);
    }

    [Fact]
    public async Task No_endpoint_is_a_usage_error_that_says_where_to_give_it()
    {
        CliResult result = await Cli.RunAsync(["list", "-o", "json"]);

        Assert.Equal(2, result.ExitCode);
        JsonElement error = result.Json().GetProperty("error");
        Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
        Assert.Contains("Endpoint is required", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("REDIS_ENTERPRISE_ENDPOINT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_stdin_with_nothing_on_stdin_is_a_usage_error()
    {
        CliResult result = await Cli.RunAsync(["list", "--password-stdin", "--endpoint", _cluster.Endpoint.ToString(), "--user", _cluster.Username], stdin: string.Empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table", false)]
    [InlineData("json", false)]
    [InlineData("table", true)]
    public async Task A_password_flag_does_not_exist_and_its_value_is_not_echoed(string output, bool joined)
    {
        string[] password = joined ? [$"--password={_cluster.Password}"] : ["--password", _cluster.Password];
        CliResult result = await Cli.RunAsync(["list", .. password, "--endpoint", _cluster.Endpoint.ToString(), "-o", output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Password, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Password, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(_cluster.Requests, r => r.Path.Length > 0);
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        CliResult result = await Cli.RunAsync(["list", "--config", "no-such-appsettings.json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-appsettings.json", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--clusters")]
    public async Task A_settings_file_that_is_not_json_is_a_usage_error_naming_it_and_where_it_breaks(string flag)
    {
        string path = Path.Combine(Path.GetTempPath(), $"settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ \"RedisEnterprise\": { \"Password\": \"hunter2-secret\",\n  \"Endpoint\": https://x } }", TestContext.Current.CancellationToken);
        string[] command = flag == "--config" ? ["list", "--config", path] : ["--simulate", "ensure", new ModulePackageBuilder("geo", "1.0.0").WriteToTempFile(), "--clusters", path];

        CliResult result = await Cli.RunAsync(command);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.Error, StringComparison.Ordinal);
    }

    private string[] Flags() => ["--endpoint", _cluster.Endpoint.ToString(), "--user", _cluster.Username, "--password-stdin"];

    private Dictionary<string, string> Variables() => new()
    {
        ["REDIS_ENTERPRISE_ENDPOINT"] = _cluster.Endpoint.ToString(),
        ["REDIS_ENTERPRISE_USERNAME"] = _cluster.Username,
        ["REDIS_ENTERPRISE_PASSWORD"] = _cluster.Password,
    };

    private static async Task<string> WriteConfigAsync(Dictionary<string, string> section)
    {
        string path = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>> { ["RedisEnterprise"] = section }), Token);
        return path;
    }
}
