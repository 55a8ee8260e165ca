using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>The body of <c>POST /v1/bdbs/{uid}/upgrade</c> as the fake reads it, checked as strictly as its schema.</summary>
internal sealed record FakeUpgradeRequest(string? RedisVersion, IReadOnlyList<FakeUpgradeModule> Modules)
{
    private static readonly string[] Flags = ["preserve_roles", "may_discard_data", "force_discard", "force_restart", "keep_crdt_protocol_version", "latest_with_modules"];

    /// <summary>The request, or the <c>400 invalid_schema</c> answer naming what is wrong.</summary>
    internal static (FakeUpgradeRequest? Request, FakeResponse? Invalid) Parse(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Invalid($"The body is not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object) return Invalid("The body must be a JSON object.");
        foreach (string flag in Flags)
        {
            if (root.TryGetProperty(flag, out JsonElement value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Invalid($"{flag} must be a boolean.");
        }

        if (root.TryGetProperty("parallel_shards_upgrade", out JsonElement parallel) && !(parallel.TryGetInt32(out int shards) && shards >= 1))
        {
            return Invalid("parallel_shards_upgrade must be an integer of at least 1.");
        }

        string? redisVersion = null;
        if (root.TryGetProperty("redis_version", out JsonElement version))
        {
            if (version.ValueKind != JsonValueKind.String) return Invalid("redis_version must be a string.");
            redisVersion = version.GetString();
        }

        var modules = new List<FakeUpgradeModule>();
        if (root.TryGetProperty("modules", out JsonElement list))
        {
            if (list.ValueKind != JsonValueKind.Array) return Invalid("modules must be an array.");
            foreach (JsonElement item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) return Invalid("Each of modules must be an object.");
                if (Text(item, "module_name") is not { Length: > 0 } name) return Invalid("Each of modules needs module_name.");
                if (Text(item, "current_module") is "" || Text(item, "new_module") is "") return Invalid($"current_module and new_module of {name} must not be empty.");
                modules.Add(new FakeUpgradeModule(name, Text(item, "current_module"), Text(item, "new_module"), Text(item, "new_module_args")));
            }
        }

        return (new FakeUpgradeRequest(redisVersion, modules), null);
    }

    private static string? Text(JsonElement item, string key) =>
        item.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (FakeUpgradeRequest?, FakeResponse?) Invalid(string message) => (null, FakeResponse.Error(400, "invalid_schema", message));
}
