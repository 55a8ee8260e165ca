using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// The <c>module.json</c> of a module package (a RedisModule Packer "RAMP" zip): what the cluster reads
/// to learn the module's name, version, platform, commands and dependencies.
/// </summary>
/// <remarks>
/// Keys this type does not model are kept in <see cref="AdditionalData"/>. Keys whose value has the wrong
/// type are left out (and reported by <see cref="ModulePackage.ValidateAsync(CancellationToken)"/>).
/// </remarks>
public sealed record ModulePackageMetadata
{
    /// <summary>The module's name as Redis knows it, e.g. <c>search</c> or <c>ReJSON</c>.</summary>
    [JsonPropertyName("module_name"), JsonConverter(typeof(LenientStringConverter))]
    public string? ModuleName { get; init; }

    /// <summary>The name of the module's shared object inside the zip, e.g. <c>redisearch.so</c>.</summary>
    [JsonPropertyName("module_file"), JsonConverter(typeof(LenientStringConverter))]
    public string? ModuleFile { get; init; }

    /// <summary>The version as one integer, e.g. <c>20807</c> for 2.8.7 (the packer may write <c>20807.0</c>).</summary>
    [JsonPropertyName("version"), JsonConverter(typeof(LenientInt64Converter))]
    public long? Version { get; init; }

    /// <summary>The version as <c>major.minor.patch</c>, e.g. <c>2.8.7</c>.</summary>
    [JsonPropertyName("semantic_version"), JsonConverter(typeof(LenientStringConverter))]
    public string? SemanticVersion { get; init; }

    /// <summary>The human-readable name, e.g. <c>RediSearch 2</c>.</summary>
    [JsonPropertyName("display_name"), JsonConverter(typeof(LenientStringConverter))]
    public string? DisplayName { get; init; }

    /// <summary>The module's author.</summary>
    [JsonPropertyName("author"), JsonConverter(typeof(LenientStringConverter))]
    public string? Author { get; init; }

    /// <summary>The author's e-mail address.</summary>
    [JsonPropertyName("email"), JsonConverter(typeof(LenientStringConverter))]
    public string? Email { get; init; }

    /// <summary>A short description of the module.</summary>
    [JsonPropertyName("description"), JsonConverter(typeof(LenientStringConverter))]
    public string? Description { get; init; }

    /// <summary>The module's home page.</summary>
    [JsonPropertyName("homepage"), JsonConverter(typeof(LenientStringConverter))]
    public string? Homepage { get; init; }

    /// <summary>The module's license.</summary>
    [JsonPropertyName("license"), JsonConverter(typeof(LenientStringConverter))]
    public string? License { get; init; }

    /// <summary>The CPU architecture the module was built for: <c>x86_64</c> or <c>aarch64</c>.</summary>
    [JsonPropertyName("architecture"), JsonConverter(typeof(LenientStringConverter))]
    public string? Architecture { get; init; }

    /// <summary>The operating system family the module was built for, e.g. <c>Linux</c>.</summary>
    [JsonPropertyName("os"), JsonConverter(typeof(LenientStringConverter))]
    public string? Os { get; init; }

    /// <summary>The operating systems the module supports, from the <c>os_list</c> key, e.g. <c>ubuntu18.04</c>, <c>rhel9</c>.</summary>
    [JsonPropertyName("os_list")]
    public IReadOnlyList<string>? OsList { get; init; }

    /// <summary>The operating systems the module supports, from the <c>operating_systems</c> key (newer packers), e.g. <c>rhel9</c>.</summary>
    [JsonPropertyName("operating_systems")]
    public IReadOnlyList<string>? OperatingSystems { get; init; }

    /// <summary>The operating systems from both <see cref="OperatingSystems"/> and <see cref="OsList"/>, without repeats; empty when neither key is present.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SupportedOperatingSystems =>
        (OperatingSystems ?? []).Concat(OsList ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The capabilities the module supports, e.g. <c>types</c>, <c>crdb</c>, <c>persistence_rdb</c>.</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>The name of the module's capability, as the cluster shows it.</summary>
    [JsonPropertyName("capability_name"), JsonConverter(typeof(LenientStringConverter))]
    public string? CapabilityName { get; init; }

    /// <summary>The command-line arguments the module is loaded with.</summary>
    [JsonPropertyName("command_line_args"), JsonConverter(typeof(LenientStringConverter))]
    public string? CommandLineArgs { get; init; }

    /// <summary>The command that configures the module at run time, e.g. <c>RG.CONFIGSET</c>.</summary>
    [JsonPropertyName("config_command"), JsonConverter(typeof(LenientStringConverter))]
    public string? ConfigCommand { get; init; }

    /// <summary>The minimum Redis version the module needs.</summary>
    [JsonPropertyName("min_redis_version"), JsonConverter(typeof(LenientStringConverter))]
    public string? MinRedisVersion { get; init; }

    /// <summary>The minimum Redis Enterprise Software version the module needs.</summary>
    [JsonPropertyName("min_redis_pack_version"), JsonConverter(typeof(LenientStringConverter))]
    public string? MinRedisPackVersion { get; init; }

    /// <summary>The Redis version the module is compatible with (may be empty).</summary>
    [JsonPropertyName("compatible_redis_version"), JsonConverter(typeof(LenientStringConverter))]
    public string? CompatibleRedisVersion { get; init; }

    /// <summary>Whether the module supports Auto Tiering (bigstore version 2).</summary>
    [JsonPropertyName("bigstore_version_2_support"), JsonConverter(typeof(LenientBooleanConverter))]
    public bool? BigstoreVersion2Support { get; init; }

    /// <summary>The SHA-256 of the module's <c>.so</c>, as 64 hexadecimal characters.</summary>
    [JsonPropertyName("sha256"), JsonConverter(typeof(LenientStringConverter))]
    public string? Sha256 { get; init; }

    /// <summary>The module's dependencies by name: where the cluster downloads each one from, and its SHA-256.</summary>
    [JsonPropertyName("dependencies")]
    public IReadOnlyDictionary<string, ModuleDependency>? Dependencies { get; init; }

    /// <summary>The commands the module adds to Redis.</summary>
    [JsonPropertyName("commands")]
    public IReadOnlyList<ModulePackageCommand>? Commands { get; init; }

    /// <summary>The version of the package format (1).</summary>
    [JsonPropertyName("ramp_format_version"), JsonConverter(typeof(LenientInt64Converter))]
    public long? RampFormatVersion { get; init; }

    /// <summary>Keys of <c>module.json</c> this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{ModuleName ?? "(unnamed)"} {SemanticVersion ?? Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no version)"}";
}

/// <summary>A command a module adds to Redis, as the packer found it with <c>COMMAND INFO</c>.</summary>
public sealed record ModulePackageCommand
{
    /// <summary>The command's name, e.g. <c>FT.SEARCH</c>.</summary>
    [JsonPropertyName("command_name"), JsonConverter(typeof(LenientStringConverter))]
    public string? CommandName { get; init; }

    /// <summary>The command's arity: the number of arguments, negative for "at least".</summary>
    [JsonPropertyName("command_arity"), JsonConverter(typeof(LenientInt64Converter))]
    public long? CommandArity { get; init; }

    /// <summary>The command's flags, e.g. <c>readonly</c>, <c>write</c>.</summary>
    [JsonPropertyName("flags")]
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>The position of the first key argument (0 when the command takes no key).</summary>
    [JsonPropertyName("first_key"), JsonConverter(typeof(LenientInt64Converter))]
    public long? FirstKey { get; init; }

    /// <summary>The position of the last key argument (negative counts from the end).</summary>
    [JsonPropertyName("last_key"), JsonConverter(typeof(LenientInt64Converter))]
    public long? LastKey { get; init; }

    /// <summary>The step between key arguments.</summary>
    [JsonPropertyName("step"), JsonConverter(typeof(LenientInt64Converter))]
    public long? Step { get; init; }
}
