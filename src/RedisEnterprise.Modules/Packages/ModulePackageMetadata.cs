using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// The <c>module.json</c> of a module package (a RedisModule Packer "RAMP" zip): what the cluster reads
/// to learn the module's name, version, platform, commands and dependencies.
/// </summary>
/// <remarks>
/// Keys this type does not model are kept in <see cref="ModuleDescriptor.AdditionalData"/>. Keys whose value has the wrong
/// type are left out (and reported by <see cref="ModulePackage.ValidateAsync(CancellationToken)"/>).
/// </remarks>
public sealed record ModulePackageMetadata : ModuleDescriptor
{
    /// <summary>The operating systems the module supports, from the <c>operating_systems</c> key (newer packers), e.g. <c>rhel9</c>.</summary>
    [JsonPropertyName("operating_systems")]
    public IReadOnlyList<string>? OperatingSystems { get; init; }

    /// <summary>The operating systems from both <see cref="OperatingSystems"/> and <see cref="ModuleDescriptor.OsList"/>, without repeats; empty when neither key is present.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SupportedOperatingSystems =>
        (OperatingSystems ?? []).Concat(OsList ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The commands the module adds to Redis.</summary>
    [JsonPropertyName("commands")]
    public IReadOnlyList<ModulePackageCommand>? Commands { get; init; }

    /// <summary>The version of the package format (1).</summary>
    [JsonPropertyName("ramp_format_version"), JsonConverter(typeof(LenientInt64Converter))]
    public long? RampFormatVersion { get; init; }

    /// <inheritdoc />
    public override string ToString() => NameAndVersion;
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
