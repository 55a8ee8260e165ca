using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RedisEnterprise.Modules.Cli.Commands;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>
/// Makes the client of a command. The settings are one configuration section, bound by the SDK's own dependency injection
/// binding (so they read and fail exactly as in an app), from, later ones winning: <c>--config</c>'s <c>RedisEnterprise</c>
/// section, the <c>REDIS_ENTERPRISE_*</c> variables, the flags, and for a cluster of a clusters file, that cluster's section.
/// </summary>
internal sealed class ClusterConnector(GlobalOptions globals, ParseResult parse, CliEnvironment environment, CommandOutput output, SecretRedactor secrets)
{
    private const string SectionName = "RedisEnterprise";
    private const string Hint = " Give the cluster with --endpoint, --user and --password-stdin, the REDIS_ENTERPRISE_ENDPOINT, _USERNAME and _PASSWORD variables, or --config appsettings.json (its RedisEnterprise section); or try --simulate.";

    private string? _stdinPassword;
    private byte[]? _configJson;
    private bool _warnedInsecure;

    /// <summary>Reads what has to be read once per run, before any cluster is reached: the password from stdin.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!parse.GetValue(globals.PasswordStdin) || _stdinPassword is not null) return;
        string? line = await environment.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(line)) throw new UsageException("--password-stdin read no password: standard input was empty.");
        _stdinPassword = line;
        secrets.Add(line);
    }

    /// <summary>The named clusters of a clusters file: <c>{ "Clusters": { "eu": { "Endpoint": … } } }</c>, or a list whose entries have a <c>Name</c>.</summary>
    public static IReadOnlyList<ClusterTarget> ReadClusters(string path)
    {
        List<string> order; // configuration sorts keys; rows come in the file's order
        byte[] json;
        using (JsonDocument document = ReadJsonFile(path, "--clusters", out json)) order = FileOrder(document);
        IConfiguration file = new ConfigurationBuilder().AddJsonStream(new MemoryStream(json)).Build();
        List<ClusterTarget> clusters = [.. file.GetSection("Clusters").GetChildren()
            .OrderBy(c => order.IndexOf(c.Key))
            .Select(c => new ClusterTarget(c["Name"] ?? c.Key, c))];
        if (clusters.Count == 0)
        {
            throw new UsageException($"{path} names no cluster; it needs a Clusters object such as {{ \"Clusters\": {{ \"eu\": {{ \"Endpoint\": \"https://eu.example.com:9443\", \"Username\": \"admin@example.com\" }} }} }}.");
        }

        List<string> duplicates = [.. clusters.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)];
        if (duplicates.Count > 0) throw new UsageException($"{path} names a cluster more than once: {string.Join(", ", duplicates)}.");
        return clusters;
    }

    /// <summary>The keys of the file's Clusters object as written (a list's are its indexes, already in order).</summary>
    private static List<string> FileOrder(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "Clusters", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.Object } clusters
            ? [.. clusters.EnumerateObject().Select(p => p.Name)]
            : [];

    /// <summary>The client for the cluster the global options name, or for one cluster of a clusters file.</summary>
    public async Task<ClusterSession> ConnectAsync(ClusterTarget? target, CancellationToken cancellationToken)
    {
        if (parse.GetValue(globals.Simulate)) return await SimulatedCluster.StartAsync(cancellationToken).ConfigureAwait(false);

        IConfigurationSection section = Settings(target);
        secrets.Add(section["Password"]);
        if (bool.TryParse(section["SkipCertificateValidation"], out bool insecure) && insecure && !_warnedInsecure)
        {
            _warnedInsecure = true;
            output.Warning("certificate validation is off (--insecure or REDIS_ENTERPRISE_SKIP_TLS_VERIFY): anyone on the way to the cluster could read the password. Prefer --ca-cert or --pin.");
        }

        var services = new ServiceCollection();
        services.AddRedisEnterpriseModulesClient(section);
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            return new ClusterSession(provider.GetRequiredService<IRedisEnterpriseModulesClient>(), provider);
        }
        catch (OptionsValidationException e)
        {
            provider.Dispose();
            string where = target is null ? string.Empty : $"cluster '{target.Name}': ";
            throw new UsageException(where + string.Join(" ", e.Failures) + Hint);
        }
    }

    private IConfigurationSection Settings(ClusterTarget? target)
    {
        var builder = new ConfigurationBuilder();
        if (parse.GetValue(globals.Config) is { } config)
        {
            // Read once per run: ensure --clusters makes a client for each cluster.
            if (_configJson is null) ReadJsonFile(config, "--config", out _configJson).Dispose();
            builder.AddJsonStream(new MemoryStream(_configJson));
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) values[$"{SectionName}:{key}"] = value;
        }

        Set("Endpoint", environment.GetVariable("REDIS_ENTERPRISE_ENDPOINT"));
        Set("Username", environment.GetVariable("REDIS_ENTERPRISE_USERNAME"));
        Set("Password", environment.GetVariable("REDIS_ENTERPRISE_PASSWORD"));
        Set("SkipCertificateValidation", environment.GetVariable("REDIS_ENTERPRISE_SKIP_TLS_VERIFY"));
        Set("Endpoint", parse.GetValue(globals.Endpoint));
        Set("Username", parse.GetValue(globals.User));
        Set("Password", _stdinPassword);
        Set("TrustedCertificatesPath", parse.GetValue(globals.CaCert));
        Set("CertificateThumbprint", parse.GetValue(globals.Pin));
        if (parse.GetValue(globals.Insecure)) Set("SkipCertificateValidation", "true");
        if (target is not null)
        {
            foreach ((string key, string? value) in target.Section.AsEnumerable(makePathsRelative: true)) Set(key, value);
            values.Remove($"{SectionName}:Name");
        }

        builder.AddInMemoryCollection(values);
        return builder.Build().GetSection(SectionName);
    }

    /// <summary>What a settings file may hold besides JSON, as the configuration's JSON reader allows it.</summary>
    private static readonly JsonDocumentOptions SettingsJson = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// A settings file, read once: its document, and its bytes for the configuration. A file that is missing or not JSON is
    /// a usage error naming it and, for bad JSON, the line (not the text there, which may be a password).
    /// </summary>
    private static JsonDocument ReadJsonFile(string path, string option, out byte[] json)
    {
        if (!File.Exists(path)) throw new UsageException($"{option} names a file that does not exist: {path}");
        json = File.ReadAllBytes(path);
        if (json.AsSpan().StartsWith("\uFEFF"u8)) json = json[3..]; // a byte order mark, as Windows editors write: the configuration reads past it
        try
        {
            return JsonDocument.Parse(json, SettingsJson);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{option} {path} is not valid JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.");
        }
    }
}
