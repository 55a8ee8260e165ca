using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Testing;

/// <summary>
/// Builds a module package as RedisModule Packer (RAMP) makes them: a zip holding <c>module.json</c> and one
/// <c>.so</c> payload, with the payload's SHA-256 and the integer version filled in.
/// </summary>
/// <example>
/// <code>
/// byte[] zip = new ModulePackageBuilder("rejson", "2.0.8")
///     .WithPayloadSize(1024)
///     .WithDependency("gears_python", new Uri("https://example.com/python.tgz"), sha256)
///     .Build();
/// string path = new ModulePackageBuilder("rejson", "2.0.8").WriteToTempFile(); // .../rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip
/// </code>
/// </example>
public sealed class ModulePackageBuilder
{
    private readonly Dictionary<string, JsonNode?> _overrides = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Url, string Sha256)> _dependencies = new(StringComparer.Ordinal);
    private readonly List<string> _capabilities = ["types", "crdb", "failover_migrate", "persistence_aof", "persistence_rdb", "clustering", "backup_restore"];
    private byte[] _payload = CreatePayload(4096);
    private string? _displayName;
    private string _minRedisPackVersion = "6.0.0";

    /// <summary>Starts a package for a module.</summary>
    /// <param name="moduleName">The module's name, e.g. <c>rejson</c>.</param>
    /// <param name="semanticVersion">The version as <c>major.minor.patch</c>, e.g. <c>2.0.8</c>.</param>
    /// <exception cref="ArgumentException">An argument is null, empty or whitespace.</exception>
    public ModulePackageBuilder(string moduleName, string semanticVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        ArgumentException.ThrowIfNullOrWhiteSpace(semanticVersion);
        ModuleName = moduleName;
        SemanticVersion = semanticVersion;
    }

    /// <summary>The module's name.</summary>
    public string ModuleName { get; }

    /// <summary>The version as <c>major.minor.patch</c>.</summary>
    public string SemanticVersion { get; }

    /// <summary>The integer version of <see cref="SemanticVersion"/> (<c>2.0.8</c> is 20008), or <see langword="null"/> when it does not parse.</summary>
    public long? Version => VersionOf(SemanticVersion);

    /// <summary>The conventional file name, e.g. <c>rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip</c>.</summary>
    public string FileName => $"{ModuleName}.Linux-ubuntu18.04-x86_64.{SemanticVersion}.zip";

    /// <summary>The name of the shared object inside the package, e.g. <c>rejson.so</c>.</summary>
    public string ModuleFile => $"{ModuleName}.so";

    /// <summary>The hex SHA-256 of the payload, as written to <c>module.json</c>.</summary>
    public string PayloadSha256 => Internal.Hex.Lower(SHA256.HashData(_payload));

    /// <summary>Uses a payload of this many bytes (deterministic filler; default 4096).</summary>
    /// <param name="size">The size in bytes; 0 or more.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithPayloadSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _payload = CreatePayload(size);
        return this;
    }

    /// <summary>Uses these bytes as the <c>.so</c> payload.</summary>
    /// <param name="payload">The payload; copied.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithPayload(ReadOnlySpan<byte> payload)
    {
        _payload = payload.ToArray();
        return this;
    }

    /// <summary>Adds a dependency the cluster would download (<c>dependencies</c> in <c>module.json</c>).</summary>
    /// <param name="name">The dependency's name, e.g. <c>gears_python</c>.</param>
    /// <param name="url">Where the cluster downloads it from.</param>
    /// <param name="sha256">Its hex SHA-256.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithDependency(string name, Uri url, string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(sha256);
        _dependencies[name] = (url.OriginalString, sha256);
        return this;
    }

    /// <summary>Sets the human-readable name (default: the module name).</summary>
    /// <param name="displayName">The display name.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithDisplayName(string displayName)
    {
        _displayName = displayName;
        return this;
    }

    /// <summary>Sets the minimum Redis Enterprise Software version (default <c>6.0.0</c>).</summary>
    /// <param name="version">The version, e.g. <c>7.2.4</c>.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithMinRedisPackVersion(string version)
    {
        _minRedisPackVersion = version;
        return this;
    }

    /// <summary>Replaces the capabilities (default: types, crdb, failover_migrate, persistence_aof, persistence_rdb, clustering, backup_restore).</summary>
    /// <param name="capabilities">The capabilities.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithCapabilities(params string[] capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        _capabilities.Clear();
        _capabilities.AddRange(capabilities);
        return this;
    }

    /// <summary>Sets or replaces one key of <c>module.json</c> with any JSON value, e.g. to send malformed data on purpose.</summary>
    /// <param name="name">The key, e.g. <c>dependencies</c>.</param>
    /// <param name="value">The value; <see langword="null"/> writes JSON <c>null</c>.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithModuleJsonProperty(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _removed.Remove(name);
        _overrides[name] = value;
        return this;
    }

    /// <summary>Leaves a key out of <c>module.json</c>, e.g. <c>module_name</c> to make an invalid package.</summary>
    /// <param name="name">The key.</param>
    /// <returns>This builder.</returns>
    public ModulePackageBuilder WithoutModuleJsonProperty(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _overrides.Remove(name);
        _removed.Add(name);
        return this;
    }

    /// <summary>The <c>module.json</c> text the package holds.</summary>
    /// <returns>The JSON, indented.</returns>
    public string BuildModuleJson() => Encoding.UTF8.GetString(BuildModuleJsonUtf8());

    /// <summary>Builds the package.</summary>
    /// <returns>The zip's bytes.</returns>
    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            ZipArchiveEntry manifest = zip.CreateEntry("module.json", CompressionLevel.Fastest);
            using (Stream stream = manifest.Open())
            {
                stream.Write(BuildModuleJsonUtf8());
            }

            ZipArchiveEntry binary = zip.CreateEntry(ModuleFile, CompressionLevel.Fastest);
            using (Stream stream = binary.Open())
            {
                stream.Write(_payload);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the package to a file, replacing it if it exists.</summary>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <returns>The full path written.</returns>
    public string WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        File.WriteAllBytes(fullPath, Build());
        return fullPath;
    }

    /// <summary>
    /// Writes the package under its conventional <see cref="FileName"/> into a new, uniquely named temporary directory
    /// (safe for parallel tests). The directories live in one folder of this process, which is deleted when the process
    /// exits (or, if it dies, by the next process that writes a temporary package); deleting one earlier is fine.
    /// </summary>
    /// <returns>The full path of the file.</returns>
    public string WriteToTempFile() => WriteTo(Path.Combine(Internal.TempPackageFolder.Current.CreateDirectory(), FileName));

    /// <summary>The integer version of a semantic version: <c>major * 10000 + minor * 100 + patch</c> (2.0.8 is 20008).</summary>
    /// <param name="semanticVersion">The version as <c>major.minor.patch</c>; a missing minor or patch counts as 0.</param>
    /// <returns>The integer version, or <see langword="null"/> when the text is not a version.</returns>
    public static long? VersionOf(string? semanticVersion)
    {
        if (string.IsNullOrWhiteSpace(semanticVersion)) return null;
        string[] parts = semanticVersion.Trim().Split('.');
        if (parts.Length > 3) return null;
        long total = 0;
        for (int i = 0; i < 3; i++)
        {
            long part = 0;
            if (i < parts.Length && !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out part)) return null;
            total = (total * 100) + part;
        }

        return total;
    }

    /// <summary>
    /// Written with <see cref="Utf8JsonWriter"/>, not reflection-based serialization, so it works where that is off
    /// (native AOT, trimmed and file-based apps). Keys keep this order; a replaced key keeps its place, a new one comes last.
    /// </summary>
    private byte[] BuildModuleJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            (string Name, Action<Utf8JsonWriter> WriteDefault)[] defaults = DefaultProperties();
            foreach ((string name, Action<Utf8JsonWriter> writeDefault) in defaults)
            {
                if (_removed.Contains(name)) continue;
                writer.WritePropertyName(name);
                if (_overrides.TryGetValue(name, out JsonNode? value)) WriteNode(writer, value);
                else writeDefault(writer);
            }

            foreach ((string name, JsonNode? value) in _overrides)
            {
                if (Array.Exists(defaults, property => property.Name == name)) continue;
                writer.WritePropertyName(name);
                WriteNode(writer, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The keys of <c>module.json</c> in order, each with how to write its default value.</summary>
    private (string Name, Action<Utf8JsonWriter> WriteDefault)[] DefaultProperties() =>
    [
        ("module_name", w => w.WriteStringValue(ModuleName)),
        ("display_name", w => w.WriteStringValue(_displayName ?? ModuleName)),
        ("module_file", w => w.WriteStringValue(ModuleFile)),
        ("semantic_version", w => w.WriteStringValue(SemanticVersion)),
        ("version", w =>
        {
            if (Version is { } version) w.WriteNumberValue(version);
            else w.WriteNullValue();
        }),
        ("author", w => w.WriteStringValue("RedisEnterprise.Modules.Testing")),
        ("email", w => w.WriteStringValue("modules@example.com")),
        ("description", w => w.WriteStringValue($"Test package for {ModuleName}")),
        ("homepage", w => w.WriteStringValue("https://example.com")),
        ("license", w => w.WriteStringValue("MIT")),
        ("architecture", w => w.WriteStringValue("x86_64")),
        ("os", w => w.WriteStringValue("Linux")),
        ("os_list", w => WriteStrings(w, ["rhel9", "ubuntu18.04"])), // fits the simulated cluster's default rhel 9 nodes
        ("capabilities", w => WriteStrings(w, _capabilities)),
        ("command_line_args", w => w.WriteStringValue(string.Empty)),
        ("min_redis_version", w => w.WriteStringValue("6.0.0")),
        ("min_redis_pack_version", w => w.WriteStringValue(_minRedisPackVersion)),
        ("compatible_redis_version", w => w.WriteStringValue(string.Empty)),
        ("sha256", w => w.WriteStringValue(PayloadSha256)),
        ("dependencies", WriteDependencies),
        ("commands", w => WriteStrings(w, [])),
        ("ramp_format_version", w => w.WriteNumberValue(1)),
    ];

    private void WriteDependencies(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach ((string name, (string url, string sha256)) in _dependencies)
        {
            writer.WriteStartObject(name);
            writer.WriteString("url", url);
            writer.WriteString("sha256", sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (string value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null) writer.WriteNullValue();
        else value.WriteTo(writer);
    }

    private static byte[] CreatePayload(int size)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < payload.Length; i++) payload[i] = (byte)((i * 31) + 7);
        return payload;
    }
}
