using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>The answers the loopback cluster serves: the documented samples the unit tests replay, and longer lists made from them.</summary>
internal static class Payloads
{
    internal const string ModuleUid = "98f255d5d33704c8e4e97897fd92e32d";
    internal const string ActionUid = "dfc0152c-8449-4b1c-9184-480ea7cb526c";

    internal static byte[] Module { get; } = Read("module.json");

    internal static byte[] Action { get; } = Read("action.json");

    /// <summary><c>GET /v1/nodes</c> as captured from a cluster.</summary>
    internal static byte[] Nodes { get; } = Read("nodes.json");

    /// <summary><c>GET /v1/cluster</c> as captured from a cluster.</summary>
    internal static byte[] Cluster { get; } = Read("cluster.json");

    /// <summary><c>GET /v1/bdbs/1</c> as captured from a cluster.</summary>
    internal static byte[] Database { get; } = Read("database.json");

    /// <summary><c>GET /v1/bdbs</c>: the captured database, as a list of one (no capture has a list).</summary>
    internal static byte[] Databases { get; } = [(byte)'[', .. Database, (byte)']'];

    /// <summary><c>GET /v1/bdbs/1?fields=…</c> as a cluster answers the SDK's request: the captured database, only the keys asked for.</summary>
    internal static byte[] DatabaseAsAsked { get; } = OnlyFields(Database, Transport.IDatabasesApi.Fields);

    /// <summary><c>GET /v1/bdbs?fields=…</c>: <see cref="DatabaseAsAsked"/> as a list of one.</summary>
    internal static byte[] DatabasesAsAsked { get; } = [(byte)'[', .. DatabaseAsAsked, (byte)']'];

    /// <summary>A node's <c>GET /v2/local/modules/user-defined/artifacts</c>, the documented example (no capture has one).</summary>
    internal static byte[] Artifacts { get; } = """[{"module_name": "TestModule", "version": 123, "dependencies": ["dep_1", "dep_2"]}]"""u8.ToArray();

    internal static byte[] UploadAccepted { get; } = """{"uid":"98f255d5d33704c8e4e97897fd92e32d","action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","module_name":"bench","semantic_version":"1.0.0","version":10000}"""u8.ToArray();

    private static byte[] OnlyFields(byte[] json, string fields)
    {
        JsonObject whole = JsonNode.Parse(json)!.AsObject();
        var kept = new JsonObject();
        foreach (string field in fields.Split(','))
        {
            if (whole[field] is { } value) kept[field] = value.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }

    /// <summary>A <c>GET /v1/modules</c> answer of <paramref name="count"/> modules: the 16 of the sample, repeated with fresh uids.</summary>
    internal static byte[] List(int count)
    {
        JsonArray sample = JsonNode.Parse(Read("modules-list-16.json"))!.AsArray();
        var list = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            JsonNode module = sample[i % sample.Count]!.DeepClone();
            module["uid"] = i.ToString("x32", CultureInfo.InvariantCulture);
            list.Add(module);
        }

        return JsonSerializer.SerializeToUtf8Bytes(list, PayloadJsonContext.Default.JsonArray);
    }

    private static byte[] Read(string name)
    {
        using Stream resource = typeof(Payloads).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing resource {name}");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonArray))]
internal sealed partial class PayloadJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
