using Microsoft.Extensions.Configuration;

namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>A named cluster of a clusters file: its name and its section (the keys of the RedisEnterprise section).</summary>
internal sealed record ClusterTarget(string Name, IConfigurationSection Section)
{
    public string? Endpoint => Section["Endpoint"];
}
