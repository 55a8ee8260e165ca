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
    public void A_module_reads_the_same_by_hand_as_through_the_generated_context(string json) =>
        Assert.Equal(
            Written(JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo)!),
            Written(JsonSerializer.Deserialize(json, ModelContract.Module)!));

    [Theory]
    [MemberData(nameof(ActionBodies))]
    public void An_action_reads_the_same_by_hand_as_through_the_generated_context(string json)
    {
        ActionInfo generated = JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ActionInfo)!;
        ActionInfo byHand = JsonSerializer.Deserialize(json, ModelContract.Action)!;

        Assert.Equal(JsonSerializer.Serialize(generated, ModulesJsonContext.Default.ActionInfo), JsonSerializer.Serialize(byHand, ModulesJsonContext.Default.ActionInfo));
        Assert.Equal(generated.ErrorMessage, byHand.ErrorMessage); // filled after reading, from error or additional_info
        Assert.Equal(generated.AdditionalData.Keys, byHand.AdditionalData.Keys);
    }

    [Fact]
    public void The_sixteen_module_list_reads_the_same_by_hand()
    {
        string json = MockCluster.Data("modules-list-16.json");
        IReadOnlyList<ModuleInfo> generated = JsonSerializer.Deserialize(json, ModulesJsonContext.Default.IReadOnlyListModuleInfo)!;
        IReadOnlyList<ModuleInfo> byHand = JsonSerializer.Deserialize(json, ModelContract.ModuleList)!;

        Assert.Equal(16, byHand.Count);
        Assert.Equal(
            JsonSerializer.Serialize(generated, ModulesJsonContext.Default.IReadOnlyListModuleInfo),
            JsonSerializer.Serialize(byHand, ModulesJsonContext.Default.IReadOnlyListModuleInfo));
    }

    [Fact]
    public void A_module_without_a_uid_keeps_the_empty_default_instead_of_null()
    {
        // The one difference, and the reason to prefer reading by hand here too: the generated path assigns every init-only property,
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

    public static TheoryData<Type> ModelsReadByHand => [.. ModuleInfoConverter.Keys.Keys.Concat(ActionInfoConverter.Keys.Keys)];

    [Theory]
    [MemberData(nameof(ModelsReadByHand))]
    public void The_hand_written_readers_read_every_key_the_models_declare(Type model)
    {
        IEnumerable<string> read = ModuleInfoConverter.Keys.GetValueOrDefault(model) ?? ActionInfoConverter.Keys[model];

        // Declared keys (public or [JsonInclude]d), and the names of [JsonIgnore] properties: System.Text.Json skips those
        // rather than keeping them with the unknown keys.
        PropertyInfo[] properties = model.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        string[] declared =
        [
            .. properties.Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>(),
            .. properties.Where(p => p.GetMethod?.IsPublic == true && p.GetCustomAttribute<JsonIgnoreAttribute>() is not null).Select(p => p.Name),
        ];
        Assert.Equal(declared.Order(), read.Order());
    }

    [Fact]
    public void Every_model_a_hand_written_reader_builds_is_checked_for_its_keys() =>
        Assert.Equal(
            [typeof(ActionAdditionalInfo), typeof(ActionInfo), typeof(ModuleCrdbInfo), typeof(ModuleDependency), typeof(ModuleInfo), typeof(ModulePlatform)],
            ModelsReadByHand.Select(row => row.Data).OrderBy(t => t.Name));

    [Fact]
    public void Reading_by_hand_skips_the_buffer_of_constructor_arguments()
    {
        // The generated context builds each init-only record at the end of its object, from a buffer of its values: that buffer
        // (one per module, nested records included) is the allocation reading by hand does without.
        byte[] list = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(MockCluster.Data("modules-list-16.json"), ModulesJsonContext.Default.IReadOnlyListModuleInfo)!, ModulesJsonContext.Default.IReadOnlyListModuleInfo);
        JsonSerializer.Deserialize(list, ModulesJsonContext.Default.IReadOnlyListModuleInfo);
        JsonSerializer.Deserialize(list, ModelContract.ModuleList);

        long generated = AllocatedBy(() => JsonSerializer.Deserialize(list, ModulesJsonContext.Default.IReadOnlyListModuleInfo));
        long byHand = AllocatedBy(() => JsonSerializer.Deserialize(list, ModelContract.ModuleList));

        // Measured: 140 bytes a module less (2,240 for these 16); the bound is under half of that.
        Assert.True(generated - byHand >= 16 * 64, $"{byHand} bytes by hand, {generated} through the generated context");
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
