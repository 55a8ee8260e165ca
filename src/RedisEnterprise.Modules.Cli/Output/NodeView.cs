namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>A node as the JSON output shows it.</summary>
internal sealed record NodeView(int Uid, string? Address, string? Status, string? SoftwareVersion, string? OsName, string? OsVersion, string? Architecture, int? ShardCount)
{
    public static NodeView From(NodeInfo node) =>
        new(node.Uid, node.Address, node.Status, node.SoftwareVersion, node.OsName, node.OsSemanticVersion ?? node.OsVersion, node.Architecture, node.ShardCount);
}
