using System.Globalization;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Redis Software 8's side of the cluster: the nodes, the <c>allow_modules_upload</c> setting, user-defined modules in the
/// configuration store, and each node's own packages, kept apart from the store as on a real cluster.
/// </summary>
internal sealed partial class ClusterState
{
    internal const string ClusterName = "cluster.fake-redis.local";

    private readonly List<FakeNodeState> _nodes = [];
    private readonly HashSet<string> _modulesInUse = new(StringComparer.Ordinal);
    private bool _allowModulesUpload;

    internal bool AllowModulesUpload
    {
        get
        {
            lock (_lock) return _allowModulesUpload;
        }
    }

    internal IReadOnlyList<FakeNodeState> Nodes
    {
        get
        {
            lock (_lock) return _nodes.ToArray();
        }
    }

    internal void AddNode(FakeNodeState node)
    {
        lock (_lock) _nodes.Add(node);
    }

    internal void MarkModuleInUse(string uid)
    {
        lock (_lock) _modulesInUse.Add(uid);
    }

    internal void FailNextArtifactUpload(int nodeUid, ClusterError error)
    {
        lock (_lock) NodeOrThrow(nodeUid).NextUploadFailure = error;
    }

    internal IReadOnlyList<ModuleArtifact> NodeArtifacts(int nodeUid)
    {
        lock (_lock) return NodeOrThrow(nodeUid).Artifacts.Select(a => RedisEnterpriseModulesModelFactory.ModuleArtifact(a.ModuleName, a.Version, a.Dependencies)).ToArray();
    }

    /// <summary><c>GET /v1/cluster</c>: the keys module management reads, <c>allow_modules_upload</c> from 8.2.</summary>
    internal FakeResponse GetCluster()
    {
        lock (_lock)
        {
            bool allowed = _allowModulesUpload;
            int restApiPort = _nodes.Count > 0 ? _nodes[0].Port : 9443;
            return new FakeResponse(200, ClusterJson.Write(writer =>
            {
                writer.WriteString("name", ClusterName);
                writer.WriteNumber("cnm_https_port", restApiPort);
                writer.WriteNumber("module_upload_max_size_mb", 40);
                if (Options.HasUploadSetting) writer.WriteBoolean("allow_modules_upload", allowed);
                writer.WriteString("created_time", "2026-07-01T00:00:00Z");
            }));
        }
    }

    /// <summary><c>PUT /v1/cluster</c>: takes <c>allow_modules_upload</c> (on 8.2 and later); other keys are accepted and ignored.</summary>
    internal FakeResponse SetCluster(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return FakeResponse.Error(400, "invalid_schema", $"The body is not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object) return FakeResponse.Error(400, "invalid_schema", "The body must be a JSON object.");
        if (root.TryGetProperty("allow_modules_upload", out JsonElement allow))
        {
            if (!Options.HasUploadSetting) return FakeResponse.Error(400, "invalid_schema", $"Redis Software {Options.SoftwareVersion} has no allow_modules_upload setting.");
            if (allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return FakeResponse.Error(400, "invalid_schema", "allow_modules_upload must be a boolean.");
            lock (_lock) _allowModulesUpload = allow.GetBoolean();
        }

        return GetCluster();
    }

    /// <summary><c>GET /v1/nodes</c>: every node, as a real cluster reports it.</summary>
    internal FakeResponse ListNodes()
    {
        lock (_lock)
        {
            FakeNodeState[] nodes = [.. _nodes];
            return new FakeResponse(200, WriteArray(writer =>
            {
                foreach (FakeNodeState node in nodes) WriteNode(writer, node);
            }));
        }
    }

    /// <summary><c>POST /v2/modules/user-defined</c>: the module object from a package's <c>module.json</c>, sent as JSON.</summary>
    internal FakeResponse CreateUserDefined(string body)
    {
        FakeModule? described;
        try
        {
            described = JsonSerializer.Deserialize(body, FakeClusterJsonContext.Default.FakeModule);
        }
        catch (JsonException e)
        {
            return FakeResponse.Error(406, "invalid_module", $"The module object is not valid: {e.Message}");
        }

        if (described is null || string.IsNullOrWhiteSpace(described.ModuleName) || string.IsNullOrWhiteSpace(described.SemanticVersion))
        {
            return FakeResponse.Error(406, "invalid_module", "The module object needs module_name and semantic_version.");
        }

        lock (_lock)
        {
            if (UploadsRefused() is { } refused) return refused;
            if (_modules.Any(m => m.IsSameModuleAs(described))) return FakeResponse.Error(400, "module_exists", $"The module {described.ModuleName} {described.SemanticVersion} is already on the cluster.");
            FakeModule module = ModulePackageReader.Describe(described) with { Uid = Guid.NewGuid().ToString("N") };
            _modules.Add(module);
            return Json(200, module);
        }
    }

    /// <summary><c>DELETE /v2/modules/user-defined/{uid}</c>: the configuration only; the nodes' packages stay.</summary>
    internal FakeResponse DeleteUserDefined(string uid)
    {
        lock (_lock)
        {
            if (Find(uid) is not { } module) return FakeResponse.Error(404, "module_delete_failed", $"Module {uid} does not exist.");
            if (IsInUse(uid)) return ModuleInUse(module);
            _modules.Remove(module);
            return new FakeResponse(200, null);
        }
    }

    internal FakeResponse ListArtifacts(int nodeUid)
    {
        lock (_lock)
        {
            FakeArtifact[] artifacts = [.. NodeOrThrow(nodeUid).Artifacts];
            return new FakeResponse(200, WriteArray(writer =>
            {
                foreach (FakeArtifact artifact in artifacts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("module_name", artifact.ModuleName);
                    writer.WriteNumber("version", artifact.Version);
                    writer.WriteStartArray("dependencies");
                    foreach (string dependency in artifact.Dependencies) writer.WriteStringValue(dependency);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
            }));
        }
    }

    /// <summary>The refusal of an artifact upload before its body is read (uploads off, a scripted failure), or null to read it.</summary>
    internal FakeResponse? RefuseArtifactUpload(int nodeUid)
    {
        lock (_lock)
        {
            if (UploadsRefused() is { } refused) return refused;
            FakeNodeState node = NodeOrThrow(nodeUid);
            ClusterError? scripted = node.NextUploadFailure;
            node.NextUploadFailure = null;
            return scripted?.ToResponse();
        }
    }

    /// <summary><c>POST /v2/local/modules/user-defined/artifacts</c>: stores a valid package on this node, if it fits the node's platform.</summary>
    internal FakeResponse AcceptArtifact(int nodeUid, FakeModule package)
    {
        string osName = $"{Options.NodeOsName}{Options.NodeOsVersion.Split('.')[0]}";
        IReadOnlyList<string> systems = package.OperatingSystems ?? package.OsList ?? [];
        if (systems.Count > 0 && !systems.Any(os => Fits(os, osName)))
        {
            return FakeResponse.Error(400, "os_not_supported", $"Module '{package.ModuleName}' is not compatible with this node's OS '{osName}'. Supported operating systems: [{string.Join(", ", systems.Select(os => $"'{os}'"))}]");
        }

        if (package.Architecture is { Length: > 0 } architecture && !string.Equals(architecture, Options.NodeArchitecture, StringComparison.OrdinalIgnoreCase))
        {
            return FakeResponse.Error(400, "os_not_supported", $"Module '{package.ModuleName}' is not compatible with this node's architecture '{Options.NodeArchitecture}'. Supported architecture: '{architecture}'");
        }

        lock (_lock)
        {
            FakeNodeState node = NodeOrThrow(nodeUid);
            long version = package.Version ?? 0;
            node.Artifacts.RemoveAll(a => a.ModuleName == package.ModuleName && a.Version == version);
            node.Artifacts.Add(new FakeArtifact(package.ModuleName!, version, package.Dependencies?.Keys.ToArray() ?? []));
            return new FakeResponse(200, ClusterJson.Write(writer => writer.WriteString("module_name", package.ModuleName)));
        }
    }

    /// <summary><c>DELETE /v2/local/modules/user-defined/artifacts/{module_name}/{version}</c> on this node.</summary>
    internal FakeResponse DeleteArtifact(int nodeUid, string moduleName, string versionText)
    {
        if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out long version)) return FakeResponse.Error(406, "not_acceptable", $"The version '{versionText}' is not an integer.");
        lock (_lock)
        {
            if (_modules.FirstOrDefault(m => m.ModuleName == moduleName && m.Version == version && IsInUse(m.Uid)) is { } used) return ModuleInUse(used);
            FakeNodeState node = NodeOrThrow(nodeUid);
            return node.Artifacts.RemoveAll(a => a.ModuleName == moduleName && a.Version == version) > 0
                ? new FakeResponse(200, null)
                : FakeResponse.Error(404, "module_delete_failed", $"Node {nodeUid} has no artifact {moduleName} {version}.");
        }
    }

    private FakeResponse? UploadsRefused() =>
        Options.HasUploadSetting && !_allowModulesUpload
            ? FakeResponse.Error(403, "modules_upload_disabled", "Module uploads are disabled on this cluster (allow_modules_upload is false).")
            : null;

    private FakeNodeState NodeOrThrow(int nodeUid) =>
        _nodes.Find(n => n.Node.Uid == nodeUid) ?? throw new ArgumentOutOfRangeException(nameof(nodeUid), nodeUid, "The cluster has no node with this uid.");

    private static FakeResponse ModuleInUse(FakeModule module) =>
        FakeResponse.Error(406, "module_in_use", $"The module {module.ModuleName} {module.SemanticVersion} is used by a database.");

    private static bool Fits(string packageOs, string nodeOs) =>
        packageOs.StartsWith(nodeOs, StringComparison.OrdinalIgnoreCase) || nodeOs.StartsWith(packageOs, StringComparison.OrdinalIgnoreCase);

    private void WriteNode(Utf8JsonWriter writer, FakeNodeState node)
    {
        writer.WriteStartObject();
        writer.WriteNumber("uid", node.Node.Uid);
        writer.WriteString("addr", node.Node.Address.ToString());
        writer.WriteStartArray("external_addr");
        writer.WriteEndArray();
        writer.WriteString("status", "active");
        writer.WriteString("software_version", node.SoftwareVersion);
        writer.WriteString("os_name", Options.NodeOsName);
        writer.WriteString("os_family", Options.NodeOsName);
        writer.WriteString("os_semantic_version", Options.NodeOsVersion);
        writer.WriteString("os_version", $"{Options.NodeOsName} {Options.NodeOsVersion}");
        writer.WriteString("architecture", Options.NodeArchitecture);
        writer.WriteStartArray("supported_database_versions");
        foreach ((string redis, string exact) in new[] { ("7.4", "7.4.2"), ("8.0", "8.0.2") })
        {
            writer.WriteStartObject();
            writer.WriteString("db_type", "redis");
            writer.WriteBoolean("major", true);
            writer.WriteString("redis_version", redis);
            writer.WriteString("version", exact);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("shard_count", 0);
        writer.WriteNumber("cores", 4);
        writer.WriteNumber("total_memory", 8_217_473_024);
        writer.WriteEndObject();
    }

    private static string WriteArray(Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
