using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// Which way a cluster manages modules, from its nodes' <c>software_version</c>: 8.0 and later (development builds report
/// <c>100.x</c>) have the user-defined requests and no <c>POST /v2/modules</c>. During a rolling upgrade the lowest version decides.
/// </summary>
internal static class ModuleManagementDetection
{
    internal const int FirstUserDefinedMajor = 8;

    /// <summary>The mode of a cluster whose nodes are <paramref name="nodes"/>, and the lowest node's version that decided it.</summary>
    /// <exception cref="RedisEnterpriseException">No node reports a version this SDK can read.</exception>
    internal static ModuleManagementMode From(IReadOnlyList<NodeInfo> nodes, out string lowestSoftwareVersion)
    {
        NodeInfo lowest = nodes.Where(n => MajorOf(n.SoftwareVersion) is not null).MinBy(n => MajorOf(n.SoftwareVersion))
            ?? throw new RedisEnterpriseException(
                $"GET {Routes.Nodes}: no node reports a software_version this SDK can read ({string.Join(", ", nodes.Select(n => n.SoftwareVersion ?? "none"))}); set RedisEnterpriseModulesClientOptions.ModuleManagement to say how the cluster manages modules.");
        lowestSoftwareVersion = lowest.SoftwareVersion!;
        return MajorOf(lowestSoftwareVersion) >= FirstUserDefinedMajor ? ModuleManagementMode.UserDefined : ModuleManagementMode.ClusterUpload;
    }

    /// <summary>The major version of <c>8.2.0-25</c>, <c>7.22.2-170</c>, <c>100.0.21-16135</c>; <see langword="null"/> when it does not read.</summary>
    internal static int? MajorOf(string? softwareVersion) => ReleaseVersion.Parse(softwareVersion)?.Major;
}
