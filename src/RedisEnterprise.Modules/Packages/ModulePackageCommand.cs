using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>A command a module adds to Redis, as the packer found it with <c>COMMAND INFO</c>.</summary>
public sealed record ModulePackageCommand
{
    /// <summary>The command's name, e.g. <c>FT.SEARCH</c>.</summary>
    [JsonPropertyName("command_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? CommandName { get; internal set; }

    /// <summary>The command's arity: the number of arguments, negative for "at least".</summary>
    [JsonPropertyName("command_arity"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? CommandArity { get; internal set; }

    /// <summary>The command's flags, e.g. <c>readonly</c>, <c>write</c>.</summary>
    [JsonPropertyName("flags"), JsonInclude]
    public IReadOnlyList<string>? Flags { get; internal set; }

    /// <summary>The position of the first key argument (0 when the command takes no key).</summary>
    [JsonPropertyName("first_key"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? FirstKey { get; internal set; }

    /// <summary>The position of the last key argument (negative counts from the end).</summary>
    [JsonPropertyName("last_key"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? LastKey { get; internal set; }

    /// <summary>The step between key arguments.</summary>
    [JsonPropertyName("step"), JsonConverter(typeof(LenientInt64Converter)), JsonInclude]
    public long? Step { get; internal set; }
}
