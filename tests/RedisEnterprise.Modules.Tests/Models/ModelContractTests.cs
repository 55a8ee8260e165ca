using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Serialization;
using RedisEnterprise.Modules.Tests.Infrastructure;

namespace RedisEnterprise.Modules.Tests.Models;

/// <summary>The SDK reads its hot models its own way (<see cref="ModelContract"/>); it must read exactly what the generated context reads.</summary>
public class ModelContractTests
{
    public static TheoryData<string> ModuleBodies => new()
    {
        MockCluster.Data("module-v2-redisgears.json"),
        """{"uid":123,"module_name":7,"version":"20807","is_bundled":"yes","bigstore_version_2_support":1,"capabilities":["types"],"future_key":{"a":[1,2]}}""",
        """{"uid":"a","module_name":null,"crdb":{"supported_featureset_versions":[1,2]},"dependencies":{"dep":{"url":"http://x","sha256":"ab","extra":true}},"platforms":{"rhel9/x86_64":{"sha256":"cd","dependencies":{}}},"os_list":["rhel9"],"action_uid":"x-1"}""",
        """{"version":20807.0,"display_name":"uid as a float","uid":5.0}""",
    };

    public static TheoryData<string> ActionBodies => new()
    {
        MockCluster.Data("action-v1-task.json"),
        MockCluster.Data("action-v1-state-machine.json"),
        MockCluster.Data("action-v2-additional-info.json"),
        """{"action_uid":1,"status":"running","progress":"42.5","creation_time":"2025-10-14T00:01:27Z","heartbeat":1760400087000,"pending_ops":{"3":{"op_name":"x"}},"other":null}""",
    };

    [Theory]
    [MemberData(nameof(ModuleBodies))]
    public void A_module_reads_the_same_through_setters_as_through_the_generated_context(string json) =>
        Assert.Equal(
            Written(JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo)!),
            Written(JsonSerializer.Deserialize(json, ModelContract.Module)!));

    [Theory]
    [MemberData(nameof(ActionBodies))]
    public void An_action_reads_the_same_through_setters_as_through_the_generated_context(string json)
    {
        ActionInfo generated = JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ActionInfo)!;
        ActionInfo throughSetters = JsonSerializer.Deserialize(json, ModelContract.Action)!;

        Assert.Equal(JsonSerializer.Serialize(generated, ModulesJsonContext.Default.ActionInfo), JsonSerializer.Serialize(throughSetters, ModulesJsonContext.Default.ActionInfo));
        Assert.Equal(generated.ErrorMessage, throughSetters.ErrorMessage); // filled after reading, from error or additional_info
        Assert.Equal(generated.AdditionalData.Keys, throughSetters.AdditionalData.Keys);
    }

    [Fact]
    public void The_sixteen_module_list_reads_the_same_through_setters()
    {
        string json = MockCluster.Data("modules-list-16.json");
        IReadOnlyList<ModuleInfo> generated = JsonSerializer.Deserialize(json, ModulesJsonContext.Default.IReadOnlyListModuleInfo)!;
        IReadOnlyList<ModuleInfo> throughSetters = JsonSerializer.Deserialize(json, ModelContract.ModuleList)!;

        Assert.Equal(16, throughSetters.Count);
        Assert.Equal(
            JsonSerializer.Serialize(generated, ModulesJsonContext.Default.IReadOnlyListModuleInfo),
            JsonSerializer.Serialize(throughSetters, ModulesJsonContext.Default.IReadOnlyListModuleInfo));
    }

    [Fact]
    public void A_module_without_a_uid_keeps_the_empty_default_instead_of_null()
    {
        // The one difference, and the reason to prefer setters here too: the generated path assigns every init-only property,
        // so a missing key overwrote the non-nullable Uid's default with null.
        Assert.Null(JsonSerializer.Deserialize("""{"module_name":"x"}""", ModulesJsonContext.Default.ModuleInfo)!.Uid);
        Assert.Equal(string.Empty, JsonSerializer.Deserialize("""{"module_name":"x"}""", ModelContract.Module)!.Uid);
    }

    [Theory]
    [InlineData("""{"uid":"1","version":20807.5}""", "version")]
    [InlineData("""{"uid":"1","capabilities":["types",7]}""", "capabilities")]
    [InlineData("""{"uid":"1","crdb":{"supported_featureset_versions":["x"]}}""", "crdb")]
    [InlineData("""{"uid":"1","dependencies":{"d":{"url":"u"},"e":[]}}""", "dependencies")]
    public void A_wrongly_typed_value_fails_both_ways_and_the_client_names_its_key(string json, string key)
    {
        JsonException generated = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo));
        JsonException client = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ModelContract.Module));
        Assert.StartsWith("$." + key, generated.Path, StringComparison.Ordinal);
        Assert.Contains($"(at '{key}')", client.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_init_only_property_of_a_model_read_through_setters_has_a_setter()
    {
        foreach ((Type type, IReadOnlyCollection<string> keys) in ModelContract.SetKeys)
        {
            string[] initOnlyKeys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) == true)
                .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
                .OfType<string>()
                .ToArray();

            Assert.NotEmpty(initOnlyKeys);
            Assert.Empty(initOnlyKeys.Except(keys));
            Assert.Empty(keys.Except(initOnlyKeys)); // a key with no property would be a typo
        }
    }

    [Fact]
    public void The_hand_written_module_reader_reads_every_key_the_models_declare()
    {
        // Keys naming a [JsonIgnore] property are known too: System.Text.Json skips them rather than keeping them as unknown.
        string[] ignored = [.. typeof(ModuleInfo).GetProperties().Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not null).Select(p => p.Name)];
        Assert.Equal(JsonKeys(typeof(ModuleInfo)).Concat(ignored).Order(), ModuleInfoConverter.Keys.Order());

        // The nested records are read inline (ModuleInfoConverter.ReadDependency, ReadPlatform, ReadCrdb): a new key needs a line there.
        Assert.Equal(["sha256", "url"], JsonKeys(typeof(ModuleDependency)).Order());
        Assert.Equal(["dependencies", "sha256"], JsonKeys(typeof(ModulePlatform)).Order());
        Assert.Equal(["supported_featureset_versions"], JsonKeys(typeof(ModuleCrdbInfo)));
    }

    private static string[] JsonKeys(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>()];

    [Fact]
    public void Reading_through_setters_skips_the_buffer_of_constructor_arguments()
    {
        // The generated context builds each init-only record at the end of its object, from a buffer of its values: that buffer
        // (one per module, nested records included) is the allocation reading through setters does without.
        byte[] list = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(MockCluster.Data("modules-list-16.json"), ModulesJsonContext.Default.IReadOnlyListModuleInfo)!, ModulesJsonContext.Default.IReadOnlyListModuleInfo);
        JsonSerializer.Deserialize(list, ModulesJsonContext.Default.IReadOnlyListModuleInfo);
        JsonSerializer.Deserialize(list, ModelContract.ModuleList);

        long generated = AllocatedBy(() => JsonSerializer.Deserialize(list, ModulesJsonContext.Default.IReadOnlyListModuleInfo));
        long throughSetters = AllocatedBy(() => JsonSerializer.Deserialize(list, ModelContract.ModuleList));

        // Measured: 140 bytes a module less (2,240 for these 16); the bound is under half of that.
        Assert.True(generated - throughSetters >= 16 * 64, $"{throughSetters} bytes through setters, {generated} through the generated context");
    }

    private static long AllocatedBy(Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // Serialized with the generated context either way, so the comparison covers every modeled and kept key.
    private static string Written(ModuleInfo module) => JsonSerializer.Serialize(module, ModulesJsonContext.Default.ModuleInfo);
}
