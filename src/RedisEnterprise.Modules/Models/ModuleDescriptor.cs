using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// What a module says about itself, in the same keys wherever it appears: the module objects of the REST API
/// (<see cref="ModuleInfo"/>) and the <c>module.json</c> of a module package (<see cref="ModulePackageMetadata"/>).
/// </summary>
/// <remarks>Keys a type does not model are kept in <see cref="AdditionalData"/>, so nothing a newer cluster or packer writes is lost.</remarks>
public abstract record ModuleDescriptor
{
    /// <summary>The module's name as Redis knows it, e.g. <c>search</c>, <c>ReJSON</c>, <c>timeseries</c>, <c>bf</c>.</summary>
    [JsonPropertyName("module_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleName { get; internal set; }

    /// <summary>The human-readable name, e.g. <c>RediSearch 2</c>.</summary>
    [JsonPropertyName("display_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? DisplayName { get; internal set; }

    /// <summary>The version as <c>major.minor.patch</c>, e.g. <c>2.8.7</c>.</summary>
    [JsonPropertyName("semantic_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? SemanticVersion { get; internal set; }

    /// <summary>The version as one integer, e.g. <c>20807</c> for 2.8.7.</summary>
    [JsonPropertyName("version"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? Version { get; internal set; }

    /// <summary>The module's author.</summary>
    [JsonPropertyName("author"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Author { get; internal set; }

    /// <summary>The author's e-mail address.</summary>
    [JsonPropertyName("email"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Email { get; internal set; }

    /// <summary>A short description of the module.</summary>
    [JsonPropertyName("description"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>The module's home page.</summary>
    [JsonPropertyName("homepage"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Homepage { get; internal set; }

    /// <summary>The module's license.</summary>
    [JsonPropertyName("license"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? License { get; internal set; }

    /// <summary>The command-line arguments the module is loaded with.</summary>
    [JsonPropertyName("command_line_args"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? CommandLineArgs { get; internal set; }

    /// <summary>The command that configures the module at run time, e.g. <c>RG.CONFIGSET</c>.</summary>
    [JsonPropertyName("config_command"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ConfigCommand { get; internal set; }

    /// <summary>The name of the module's capability, as the cluster shows it.</summary>
    [JsonPropertyName("capability_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? CapabilityName { get; internal set; }

    /// <summary>The capabilities the module supports, e.g. <c>types</c>, <c>crdb</c>, <c>persistence_rdb</c>.</summary>
    [JsonPropertyName("capabilities"), JsonInclude]
    public IReadOnlyList<string>? Capabilities { get; internal set; }

    /// <summary>The minimum Redis version the module needs.</summary>
    [JsonPropertyName("min_redis_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? MinRedisVersion { get; internal set; }

    /// <summary>The minimum Redis Enterprise Software version the module needs.</summary>
    [JsonPropertyName("min_redis_pack_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? MinRedisPackVersion { get; internal set; }

    /// <summary>The Redis version the module is compatible with (may be empty).</summary>
    [JsonPropertyName("compatible_redis_version"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? CompatibleRedisVersion { get; internal set; }

    /// <summary>The SHA-256 of this platform's binary, hex.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Sha256 { get; internal set; }

    /// <summary>The file name of the module's shared object, e.g. <c>redisearch.so</c>.</summary>
    [JsonPropertyName("module_file"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ModuleFile { get; internal set; }

    /// <summary>Whether the module supports Auto Tiering (bigstore version 2).</summary>
    [JsonPropertyName("bigstore_version_2_support"), JsonConverter(typeof(LenientBooleanConverter)), JsonInclude]
    public bool? BigstoreVersion2Support { get; internal set; }

    /// <summary>The dependencies of this platform's build, by name.</summary>
    [JsonPropertyName("dependencies"), JsonInclude]
    public IReadOnlyDictionary<string, ModuleDependency>? Dependencies { get; internal set; }

    /// <summary>The CPU architecture the module was built for (older clusters).</summary>
    [JsonPropertyName("architecture"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Architecture { get; internal set; }

    /// <summary>The operating system the module was built for (older clusters).</summary>
    [JsonPropertyName("os"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Os { get; internal set; }

    /// <summary>The operating systems the module supports (older clusters).</summary>
    [JsonPropertyName("os_list"), JsonInclude]
    public IReadOnlyList<string>? OsList { get; internal set; }

    /// <summary>Keys this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The name and version, for messages: <c>rejson 2.0.8</c>.</summary>
    private protected string NameAndVersion => $"{ModuleName ?? "(unnamed)"} {SemanticVersion ?? Version?.ToString(CultureInfo.InvariantCulture) ?? "(no version)"}";
}
