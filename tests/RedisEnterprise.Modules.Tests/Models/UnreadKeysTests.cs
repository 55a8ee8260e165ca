using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Tests.Models;

/// <summary>
/// An answer held whole (every answer with a length up to 1 MiB) is read with the other keys of <c>ClusterInfo</c>,
/// <c>NodeInfo</c> and <c>ModuleArtifact</c> left for when <c>AdditionalData</c> is asked for; what it then holds is what
/// reading every key at once (an answer read as it streams, or <c>RedisEnterpriseModulesJson</c>) holds.
/// </summary>
public sealed class UnreadKeysTests
{
    private static readonly byte[] Cluster = Encoding.UTF8.GetBytes(MockCluster.Data("cluster.json"));

    private static readonly byte[] Nodes = Encoding.UTF8.GetBytes(MockCluster.Data("nodes-list.json"));

    [Fact]
    public void The_captured_cluster_answer_keeps_every_other_key_as_reading_it_at_once_does()
    {
        ClusterInfo kept = UnreadKeysReading.Deserialize(Cluster, ModulesJsonContext.Default.ClusterInfo)!;
        ClusterInfo atOnce = JsonSerializer.Deserialize(Cluster, ModulesJsonContext.Default.ClusterInfo)!;

        Assert.Equal((atOnce.Name, atOnce.RestApiPort, atOnce.ModuleUploadMaxSizeMb), (kept.Name, kept.RestApiPort, kept.ModuleUploadMaxSizeMb));
        Assert.True(atOnce.AdditionalData.Count > 60, "the capture has 74 keys");
        AssertSameKeys(atOnce.AdditionalData, kept.AdditionalData);
        Assert.DoesNotContain("name", kept.AdditionalData.Keys);
    }

    [Fact]
    public void Each_captured_node_keeps_its_own_other_keys()
    {
        JsonArray twoNodes = JsonNode.Parse(Nodes)!.AsArray();
        JsonNode second = twoNodes[0]!.DeepClone();
        second["uid"] = 2;
        second["cores"] = 2;
        second["only_on_the_second"] = new JsonArray(1, 2);
        twoNodes.Add(second);
        byte[] json = Encoding.UTF8.GetBytes("/* a comment */ " + twoNodes.ToJsonString() + " ");

        IReadOnlyList<NodeInfo> kept = UnreadKeysReading.Deserialize(json, ModulesJsonContext.Default.IReadOnlyListNodeInfo)!;
        IReadOnlyList<NodeInfo> atOnce = JsonSerializer.Deserialize(json, ModulesJsonContext.Default.IReadOnlyListNodeInfo)!;

        Assert.Equal([1, 2], kept.Select(n => n.Uid));
        Assert.Equal([14, 2], kept.Select(n => n.AdditionalData["cores"].GetInt32()));
        Assert.False(kept[0].AdditionalData.ContainsKey("only_on_the_second"));
        Assert.Equal("[1,2]", kept[1].AdditionalData["only_on_the_second"].GetRawText());
        for (int i = 0; i < 2; i++) AssertSameKeys(atOnce[i].AdditionalData, kept[i].AdditionalData);
    }

    [Fact]
    public void A_null_element_of_a_list_is_passed_over_and_the_others_keep_their_keys()
    {
        byte[] json = """[{"module_name":"a","version":1,"x":1}, null, {"module_name":"b","version":2,"y":"two"}]"""u8.ToArray();

        IReadOnlyList<ModuleArtifact> kept = UnreadKeysReading.Deserialize(json, ModulesJsonContext.Default.IReadOnlyListModuleArtifact)!;

        Assert.Equal(3, kept.Count);
        Assert.Null(kept[1]);
        Assert.Equal("1", Assert.Single(kept[0].AdditionalData, p => p.Key == "x").Value.GetRawText());
        Assert.Equal("two", Assert.Single(kept[2].AdditionalData).Value.GetString());
    }

    [Fact]
    public void A_model_without_other_keys_has_an_empty_additional_data()
    {
        ClusterInfo kept = UnreadKeysReading.Deserialize("""{"name":"c1","cnm_https_port":9443}"""u8, ModulesJsonContext.Default.ClusterInfo)!;

        Assert.Empty(kept.AdditionalData);
        Assert.Equal("""{"name":"c1","cnm_https_port":9443}""", JsonSerializer.Serialize(kept, ModulesJsonContext.Default.ClusterInfo));
    }

    [Fact]
    public void A_model_read_this_way_writes_its_other_keys_back()
    {
        ClusterInfo kept = UnreadKeysReading.Deserialize(Cluster, ModulesJsonContext.Default.ClusterInfo)!;

        JsonObject written = JsonNode.Parse(JsonSerializer.Serialize(kept, ModulesJsonContext.Default.ClusterInfo))!.AsObject();

        Assert.Equal(JsonNode.Parse(Cluster)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal), written.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_cluster_answer_is_read_without_a_document_per_other_key()
    {
        long kept = AllocatedReading(json => UnreadKeysReading.Deserialize(json, ModulesJsonContext.Default.ClusterInfo));
        long atOnce = AllocatedReading(json => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ClusterInfo));

        // The copy of the answer's bytes, against a document, a copy and a dictionary entry for each of 70 keys.
        Assert.True(kept < atOnce / 2, $"read leaving the other keys: {kept} B; reading them at once: {atOnce} B");
    }

    private static long AllocatedReading(Func<byte[], ClusterInfo?> read)
    {
        for (int i = 0; i < 3; i++) _ = read(Cluster); // metadata and caches first
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) _ = read(Cluster);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
    }

    private static void AssertSameKeys(IReadOnlyDictionary<string, JsonElement> expected, IReadOnlyDictionary<string, JsonElement> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach ((string key, JsonElement value) in expected) Assert.Equal(value.GetRawText(), actual[key].GetRawText());
    }
}
