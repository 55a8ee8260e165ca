using RedisEnterprise.Modules.Workflows;

namespace RedisEnterprise.Modules.Tests.Workflows;

public class ModuleManagementDetectionTests
{
    [Theory]
    [InlineData("8.2.0-25", 8)]
    [InlineData("8.0.20-12", 8)]
    [InlineData("7.22.2-170", 7)]
    [InlineData("7.4.6-102", 7)]
    [InlineData("100.0.21-16135", 100)]
    [InlineData(" 8.2.0-25 ", 8)]
    [InlineData("8", 8)]
    [InlineData("8-1", 8)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("v8.2.0", null)]
    [InlineData("8a.2", null)]
    [InlineData("latest", null)]
    [InlineData("99999999999.0", null)]
    public void Major_version_reads_every_spelling_the_nodes_use(string? softwareVersion, int? expected) =>
        Assert.Equal(expected, ModuleManagementDetection.MajorOf(softwareVersion));

    [Theory]
    [InlineData(ModuleManagementMode.UserDefined, "8.2.0-25")]
    [InlineData(ModuleManagementMode.UserDefined, "8.0.20-12", "8.2.0-25")]
    [InlineData(ModuleManagementMode.UserDefined, "100.0.21-16135")]
    [InlineData(ModuleManagementMode.ClusterUpload, "7.22.2-170")]
    [InlineData(ModuleManagementMode.ClusterUpload, "8.2.0-25", "7.22.2-170", "8.2.0-25")] // a rolling upgrade: the lowest decides
    [InlineData(ModuleManagementMode.ClusterUpload, "7.8.6-13", "100.0.21-16135")]
    [InlineData(ModuleManagementMode.UserDefined, "8.2.0-25", "garbled")] // a node that does not say is left out
    public void The_lowest_node_decides(ModuleManagementMode expected, params string[] versions)
    {
        IReadOnlyList<NodeInfo> nodes = versions.Select((v, i) => RedisEnterpriseModulesModelFactory.NodeInfo(uid: i + 1, softwareVersion: v)).ToList();
        Assert.Equal(expected, ModuleManagementDetection.From(nodes, out _));
    }

    [Fact]
    public void No_readable_version_is_a_clear_error_naming_the_setting()
    {
        var error = Assert.Throws<RedisEnterpriseException>(() => ModuleManagementDetection.From([RedisEnterpriseModulesModelFactory.NodeInfo(uid: 1, softwareVersion: "dev")], out _));
        Assert.Contains("ModuleManagement", error.Message, StringComparison.Ordinal);
        Assert.Contains("dev", error.Message, StringComparison.Ordinal);
    }
}
