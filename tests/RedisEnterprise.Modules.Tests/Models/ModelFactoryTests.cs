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
