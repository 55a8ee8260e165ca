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
    [JsonPropertyName("operating_systems"), JsonInclude]
    public IReadOnlyList<string>? OperatingSystems { get; internal set; }

    /// <summary>The operating systems from both <see cref="OperatingSystems"/> and <see cref="ModuleDescriptor.OsList"/>, without repeats; empty when neither key is present.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SupportedOperatingSystems =>
        (OperatingSystems ?? []).Concat(OsList ?? []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The commands the module adds to Redis.</summary>
    [JsonPropertyName("commands"), JsonInclude]
    public IReadOnlyList<ModulePackageCommand>? Commands { get; internal set; }

    /// <summary>The version of the package format (1).</summary>
    [JsonPropertyName("ramp_format_version"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? RampFormatVersion { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => NameAndVersion;
}
