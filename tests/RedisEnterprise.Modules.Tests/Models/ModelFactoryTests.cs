namespace RedisEnterprise.Modules.Tests.Models;

/// <summary>Users build the models in their own tests with the factory, and read and write them as the cluster spells them.</summary>
public class ModelFactoryTests
{
    [Fact]
    public void The_factory_sets_every_value_it_is_given()
    {
        using JsonDocument extra = JsonDocument.Parse("""{"new_key":[1,2]}""");
        ModuleInfo module = RedisEnterpriseModulesModelFactory.ModuleInfo(
            uid: "u1",
            moduleName: "ReJSON",
            semanticVersion: "2.8.4",
            version: 20804,
            capabilities: ["types", "crdb"],
            isBundled: true,
            crdb: RedisEnterpriseModulesModelFactory.ModuleCrdbInfo([1]),
            platforms: new Dictionary<string, ModulePlatform> { ["rhel9/x86_64"] = RedisEnterpriseModulesModelFactory.ModulePlatform(sha256: "ab") },
            dependencies: new Dictionary<string, ModuleDependency> { ["lib"] = RedisEnterpriseModulesModelFactory.ModuleDependency("https://x", "cd") },
            actionUid: "a1",
            additionalData: new Dictionary<string, JsonElement> { ["new_key"] = extra.RootElement.GetProperty("new_key").Clone() });

        Assert.Equal(("u1", "ReJSON", "2.8.4", 20804L, true, "a1"), (module.Uid, module.ModuleName, module.SemanticVersion, module.Version!.Value, module.IsBundled!.Value, module.ActionUid));
        Assert.Equal(["types", "crdb"], module.Capabilities!);
        Assert.Equal([1], module.Crdb!.SupportedFeaturesetVersions!);
        Assert.Equal("ab", module.Platforms!["rhel9/x86_64"].Sha256);
        Assert.Equal("https://x", module.Dependencies!["lib"].Url);
        Assert.Equal("[1,2]", module.AdditionalData["new_key"].GetRawText());
    }

    [Fact]
    public void The_factory_builds_the_cluster_node_and_artifact_models_with_every_value()
    {
        using JsonDocument extra = JsonDocument.Parse("""{"cores":14}""");
        ClusterInfo cluster = RedisEnterpriseModulesModelFactory.ClusterInfo(name: "c1", restApiPort: 9443, moduleUploadMaxSizeMb: 40, allowModulesUpload: false);
        NodeInfo node = RedisEnterpriseModulesModelFactory.NodeInfo(
            uid: 2,
            address: "10.0.0.2",
            externalAddresses: ["203.0.113.2"],
            status: "active",
            softwareVersion: "8.2.0-25",
            osName: "rhel",
            osSemanticVersion: "9.4",
            osVersion: "Red Hat Enterprise Linux 9.4",
            architecture: "x86_64",
            supportedDatabaseVersions: [RedisEnterpriseModulesModelFactory.SupportedDatabaseVersion("redis", "8.0", "8.0.2", isMajor: true)],
            shardCount: 3,
            additionalData: new Dictionary<string, JsonElement> { ["cores"] = extra.RootElement.GetProperty("cores").Clone() });
        ModuleArtifact artifact = RedisEnterpriseModulesModelFactory.ModuleArtifact("rg", 10012, ["gears_python"]);

        Assert.Equal(("c1", (int?)9443, (long?)40, (bool?)false), (cluster.Name, cluster.RestApiPort, cluster.ModuleUploadMaxSizeMb, cluster.AllowModulesUpload));
        Assert.Equal((2, "10.0.0.2", "active", "8.2.0-25", "rhel", "9.4", "x86_64", (int?)3), (node.Uid, node.Address, node.Status, node.SoftwareVersion, node.OsName, node.OsSemanticVersion, node.Architecture, node.ShardCount));
        Assert.Equal(["203.0.113.2"], node.ExternalAddresses!);
        Assert.Equal("Red Hat Enterprise Linux 9.4", node.OsVersion);
        Assert.True(node.IsActive);
        Assert.Equal(("redis", "8.0", "8.0.2", (bool?)true), (node.SupportedDatabaseVersions![0].DbType, node.SupportedDatabaseVersions[0].RedisVersion, node.SupportedDatabaseVersions[0].Version, node.SupportedDatabaseVersions[0].IsMajor));
        Assert.Equal(14, node.AdditionalData["cores"].GetInt32());
        Assert.Equal(("rg", 10012L), (artifact.ModuleName, artifact.Version));
        Assert.Equal(["gears_python"], artifact.Dependencies!);
    }

    [Fact]
    public void A_factory_module_reads_back_the_same_through_the_cluster_json()
    {
        ModuleInfo module = RedisEnterpriseModulesModelFactory.ModuleInfo(uid: "u1", moduleName: "bf", semanticVersion: "2.6.1", minRedisPackVersion: "7.2");
        string json = RedisEnterpriseModulesJson.Serialize(module);

        Assert.Contains("\"module_name\":\"bf\"", json, StringComparison.Ordinal);
        Assert.Equal(module.ToString(), RedisEnterpriseModulesJson.DeserializeModule(json)!.ToString());
        Assert.Equal(module.MinRedisPackVersion, RedisEnterpriseModulesJson.DeserializeModule(json)!.MinRedisPackVersion);
    }

    [Fact]
    public void A_factory_action_has_the_status_and_error_it_was_given()
    {
        ActionInfo action = RedisEnterpriseModulesModelFactory.ActionInfo(actionUid: "a1", status: "failed", progress: 40, errorCode: "insufficient_resources", errorMessage: "no room");

        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.True(action.IsTerminal);
        Assert.Equal("action a1 failed 40% (insufficient_resources: no room)", action.ToString());
        Assert.Equal("a1", RedisEnterpriseModulesJson.DeserializeAction(RedisEnterpriseModulesJson.Serialize(action))!.ActionUid);
    }

    [Fact]
    public void A_missing_uid_reads_as_empty()
    {
        Assert.Equal(string.Empty, RedisEnterpriseModulesJson.DeserializeModule("""{"module_name":"x"}""")!.Uid);
    }
}
