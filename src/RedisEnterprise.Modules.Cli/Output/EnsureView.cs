namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>One package made sure of on one cluster: whether it was uploaded, and the nodes that got their missing copy.</summary>
internal sealed record EnsureView(string Package, bool Uploaded, IReadOnlyList<int> RepairedNodes, ModuleView Module)
{
    public static EnsureView From(string package, EnsureModuleResult result) =>
        new(package, result.WasUploaded, result.RepairedNodes.Select(n => n.Uid).ToList(), ModuleView.From(result.Module));
}
