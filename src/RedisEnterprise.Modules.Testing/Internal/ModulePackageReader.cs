using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// Reads an uploaded package the way a cluster does: the zip and its <c>module.json</c>; every problem becomes the
/// documented error code for it.
/// </summary>
internal static class ModulePackageReader
{
    /// <summary>The module the package describes (not yet stored: no uid), or the error the cluster answers with.</summary>
    /// <param name="package">The zip, seekable (the upload spooled to disk).</param>
    /// <param name="allowDependencies">Whether the route accepts a module with dependencies (v2 does, v1 does not).</param>
    internal static (FakeModule? Module, ClusterError? Error) Read(Stream package, bool allowDependencies)
    {
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            return ReadPackage(zip, allowDependencies);
        }
        catch (InvalidDataException e)
        {
            return Fail("invalid_module", $"The module file is not a valid zip package: {e.Message}");
        }
    }

    private static (FakeModule?, ClusterError?) ReadPackage(ZipArchive zip, bool allowDependencies)
    {
        ZipArchiveEntry? manifest = zip.GetEntry("module.json");
        if (manifest is null) return Fail("invalid_module", "The package has no module.json.");

        string json;
        using (var reader = new StreamReader(manifest.Open()))
        {
            json = reader.ReadToEnd();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail("invalid_module", $"module.json is not valid JSON: {e.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("invalid_module", "module.json is not a JSON object.");
            if (!HasText(root, "module_name")) return Fail("invalid_module", "module.json has no module_name (module_name_missing).");
            if (!HasText(root, "semantic_version")) return Fail("invalid_module", "module.json has no semantic_version (module_version_missing).");

            int binaries = zip.Entries.Count(e => e.FullName.EndsWith(".so", StringComparison.Ordinal));
            if (binaries > 1) return Fail("invalid_module", "The package holds more than one .so file (invalid_number_of_files).");
            if (root.TryGetProperty("module_file", out JsonElement moduleFile) && moduleFile.ValueKind == JsonValueKind.String)
            {
                ZipArchiveEntry? binary = zip.GetEntry(moduleFile.GetString()!);
                if (binary is null) return Fail("invalid_module", $"The package has no '{moduleFile.GetString()}', which module.json names as module_file (module_file_missing).");
                if (root.TryGetProperty("sha256", out JsonElement sha256) && sha256.ValueKind == JsonValueKind.String)
                {
                    string actual;
                    using (Stream stream = binary.Open())
                    {
                        actual = Hex.Lower(SHA256.HashData(stream));
                    }

                    if (!string.Equals(actual, sha256.GetString(), StringComparison.OrdinalIgnoreCase))
                    {
                        return Fail("invalid_module", $"The SHA-256 of {binary.FullName} is {actual}, not the {sha256.GetString()} that module.json states.");
                    }
                }
            }

            if (root.TryGetProperty("dependencies", out JsonElement dependencies) && dependencies.ValueKind != JsonValueKind.Null)
            {
                if (dependencies.ValueKind != JsonValueKind.Object) return Fail("invalid_dependency_data", "dependencies must be an object mapping names to {url, sha256}.");
                if (!allowDependencies && dependencies.EnumerateObject().Any())
                {
                    return Fail("dependencies_not_supported", "This endpoint does not support modules with dependencies; use /v2/modules.");
                }

                foreach (JsonProperty dependency in dependencies.EnumerateObject())
                {
                    if (dependency.Value.ValueKind != JsonValueKind.Object || !HasText(dependency.Value, "url") || !HasText(dependency.Value, "sha256"))
                    {
                        return Fail("invalid_dependency_data", $"The dependency '{dependency.Name}' needs a url and a sha256.");
                    }
                }
            }

            FakeModule described;
            try
            {
                described = root.Deserialize(FakeClusterJsonContext.Default.FakeModule)!;
            }
            catch (JsonException e)
            {
                return Fail("invalid_module", $"module.json has a field of the wrong type: {e.Message}");
            }

            return (Describe(described), null);
        }
    }

    /// <summary>The module object the cluster keeps for a package: the fields of module.json the API shows, with the cluster's defaults.</summary>
    internal static FakeModule Describe(FakeModule package) => package with
    {
        Uid = null,
        DisplayName = package.DisplayName ?? package.ModuleName,
        Version = package.Version ?? ModulePackageBuilder.VersionOf(package.SemanticVersion),
        Capabilities = package.Capabilities ?? [],
        CompatibleRedisVersion = package.CompatibleRedisVersion ?? string.Empty,
        Dependencies = package.Dependencies ?? new Dictionary<string, FakeModuleDependency>(),
        IsBundled = false,
        Crdb = new FakeModuleCrdb(),
        Platforms = null,
        ActionUid = null,
    };

    private static bool HasText(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());

    private static (FakeModule?, ClusterError?) Fail(string code, string message) => (null, new ClusterError(400, code, message));
}
