using Microsoft.Extensions.Configuration;

namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>A named cluster of a clusters file: its name and its section (the keys of the RedisEnterprise section).</summary>
internal sealed record ClusterTarget(string Name, IConfigurationSection Section)
{
    /// <summary>The cluster's address as its row shows it: credentials written into it (which the SDK refuses) are left out.</summary>
    public string? Endpoint => Section["Endpoint"] is { } text && Uri.TryCreate(text, UriKind.Absolute, out Uri? address) && address.UserInfo.Length > 0
        ? new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
        : Section["Endpoint"];
}
