using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RedisEnterprise.Modules.Serialization;
using Codes = RedisEnterprise.Modules.ModulePackageProblemCodes;

namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// Reads <c>module.json</c> into <see cref="ModulePackageMetadata"/> and checks its values. A key with a value of the
/// wrong type is reported and left out, so the rest still reads and every problem is reported at once.
/// </summary>
internal static class PackageMetadataReader
{
    internal const string FileName = "module.json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] SupportedArchitectures = ["x86_64", "aarch64"];

    // The model reads these leniently (a number becomes its text), but an array or object there is a mistake.
    private static readonly string[] StringKeys =
    [
        "module_name", "module_file", "semantic_version", "display_name", "author", "email", "description", "homepage",
        "license", "architecture", "os", "capability_name", "command_line_args", "config_command", "min_redis_version",
        "min_redis_pack_version", "compatible_redis_version", "sha256",
    ];

    /// <summary>Parses <paramref name="json"/>; returns null when it is not a JSON object. <paramref name="invalidKeys"/> receives the keys left out.</summary>
    internal static ModulePackageMetadata? Read(ReadOnlyMemory<byte> json, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        // Python's json (the cluster's reader) accepts a UTF-8 byte order mark; Utf8JsonReader does not.
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problems.Add(Invalid($"module.json is not valid JSON: {ex.Message}"));
            return null;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Invalid($"module.json must hold a JSON object, but it holds {Describe(root.ValueKind)}."));
                return null;
            }

            try
            {
                Dictionary<string, JsonElement> properties = ReadProperties(root, problems);
                CheckShapes(properties, problems, invalidKeys);
                ModulePackageMetadata? metadata = Deserialize(properties, problems, invalidKeys);
                if (metadata is not null) CheckValues(metadata, invalidKeys, problems);
                return metadata;
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json checks a string's UTF-8 and surrogates only when the string is read out, and then throws.
                problems.Add(Invalid($"module.json holds text that is not valid Unicode (bytes that are not UTF-8, or an escaped lone surrogate such as \\uD800): {ex.Message}"));
                return null;
            }
        }
    }

    private static Dictionary<string, JsonElement> ReadProperties(JsonElement root, List<ModulePackageProblem> problems)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            // A repeated key is ambiguous: this check and the cluster might each read a different value.
            if (properties.ContainsKey(property.Name) && repeated.Add(property.Name))
            {
                problems.Add(Invalid($"module.json has the key '{property.Name}' more than once."));
            }

            properties[property.Name] = property.Value;
        }

        return properties;
    }

    /// <summary>Checks the shapes the model's converters would accept but that are wrong, and the keys with a code of their own.</summary>
    private static void CheckShapes(Dictionary<string, JsonElement> properties, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        foreach (string key in StringKeys)
        {
            if (properties.TryGetValue(key, out JsonElement value) && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                invalidKeys.Add(key);
                problems.Add(Invalid($"In module.json, '{key}' must be a string, but it is {Describe(value.ValueKind)}."));
            }
        }

        CheckVersion(properties, problems, invalidKeys);
        CheckOsListShape("os_list", properties, problems, invalidKeys);
        CheckOsListShape("operating_systems", properties, problems, invalidKeys);
        CheckDependencies(properties, problems, invalidKeys);
    }

    private static void CheckVersion(Dictionary<string, JsonElement> properties, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        if (!properties.TryGetValue("version", out JsonElement version) || version.ValueKind == JsonValueKind.Null ||
            (version.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(version.GetString())))
        {
            invalidKeys.Add("version");
            problems.Add(new(Codes.ModuleVersionMissing, "module.json has no version (an integer such as 20807 for 2.8.7)."));
            return;
        }

        // The same spellings LenientInt64Converter accepts: 20807, 20807.0, "20807", "1.0".
        double? number = version.ValueKind switch
        {
            JsonValueKind.Number => version.GetDouble(),
            JsonValueKind.String when double.TryParse(version.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => null,
        };
        if (number is { } n && double.IsFinite(n) && n == Math.Floor(n) && Math.Abs(n) < 9e18) return;

        invalidKeys.Add("version");
        problems.Add(new(Codes.ModuleVersionNotInteger, $"module.json version must be an integer such as 20807 (for 2.8.7), but it is {version.GetRawText()}."));
    }

    private static void CheckOsListShape(string key, Dictionary<string, JsonElement> properties, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        if (!properties.TryGetValue(key, out JsonElement list) || list.ValueKind == JsonValueKind.Null) return;
        if (list.ValueKind == JsonValueKind.Array && list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)) return;

        invalidKeys.Add(key);
        problems.Add(new(Codes.ModuleOsListInvalid, $"In module.json, '{key}' must be a list of operating systems such as [\"ubuntu18.04\", \"rhel9\"], but it is {Excerpt(list)}."));
    }

    private static void CheckDependencies(Dictionary<string, JsonElement> properties, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        if (!properties.TryGetValue("dependencies", out JsonElement dependencies) || dependencies.ValueKind == JsonValueKind.Null) return;

        // The packer's default is an empty list: no dependencies, in a shape the model (a map) cannot hold.
        if (dependencies.ValueKind == JsonValueKind.Array && dependencies.GetArrayLength() == 0)
        {
            invalidKeys.Add("dependencies");
            return;
        }

        if (dependencies.ValueKind != JsonValueKind.Object)
        {
            invalidKeys.Add("dependencies");
            problems.Add(Invalid($"In module.json, 'dependencies' must map each dependency's name to its url and sha256, but it is {Excerpt(dependencies)}."));
            return;
        }

        foreach (JsonProperty dependency in dependencies.EnumerateObject())
        {
            if (dependency.Value.ValueKind != JsonValueKind.Object)
            {
                invalidKeys.Add("dependencies");
                problems.Add(new(Codes.DependencyInvalid, $"The dependency '{dependency.Name}' must be an object with a url and a sha256, but it is {Excerpt(dependency.Value)}."));
                continue;
            }

            var missing = new List<string>();
            if (!dependency.Value.TryGetProperty("url", out JsonElement url) || url.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(url.GetString()))
            {
                missing.Add("a url");
            }

            if (!dependency.Value.TryGetProperty("sha256", out JsonElement sha256) || sha256.ValueKind != JsonValueKind.String || !IsSha256(sha256.GetString()))
            {
                missing.Add("a sha256 of 64 hexadecimal characters");
            }

            if (missing.Count > 0)
            {
                problems.Add(new(Codes.DependencyInvalid, $"The dependency '{dependency.Name}' has no {string.Join(" and no ", missing)}."));
            }
        }
    }

    /// <summary>Deserializes the keys not yet found invalid; a key the model cannot read is reported and left out, then the rest is read again.</summary>
    private static ModulePackageMetadata? Deserialize(Dictionary<string, JsonElement> properties, List<ModulePackageProblem> problems, HashSet<string> invalidKeys)
    {
        for (int attempt = 0; attempt <= properties.Count; attempt++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach ((string key, JsonElement value) in properties)
                {
                    if (invalidKeys.Contains(key)) continue;
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            try
            {
                return JsonSerializer.Deserialize(buffer.WrittenSpan, ModulesJsonContext.Default.ModulePackageMetadata);
            }
            catch (JsonException ex)
            {
                string? key = TopLevelKey(ex.Path);
                if (key is null || !properties.ContainsKey(key) || !invalidKeys.Add(key))
                {
                    problems.Add(Invalid($"module.json could not be read: {ex.Message}"));
                    return null;
                }

                problems.Add(Invalid($"In module.json, '{key}' has a value of the wrong type (at {ex.Path})."));
            }
        }

        return null;
    }

    private static void CheckValues(ModulePackageMetadata metadata, HashSet<string> invalidKeys, List<ModulePackageProblem> problems)
    {
        if (!invalidKeys.Contains("module_name") && string.IsNullOrWhiteSpace(metadata.ModuleName))
        {
            problems.Add(new(Codes.ModuleNameMissing, "module.json has no module_name (the module's name as Redis knows it, e.g. 'search')."));
        }

        if (!invalidKeys.Contains("module_file") && string.IsNullOrWhiteSpace(metadata.ModuleFile))
        {
            problems.Add(new(Codes.ModuleFileMissing, "module.json has no module_file (the name of the module's .so file in the zip)."));
        }

        if (metadata.Architecture is { } architecture && !SupportedArchitectures.Contains(architecture, StringComparer.Ordinal))
        {
            problems.Add(new(Codes.ModuleArchitectureNotSupported, $"The architecture '{architecture}' is not supported: it must be x86_64 or aarch64."));
        }

        CheckOsListValues("os_list", metadata.OsList, problems);
        CheckOsListValues("operating_systems", metadata.OperatingSystems, problems);

        if (!string.IsNullOrEmpty(metadata.Sha256) && !IsSha256(metadata.Sha256))
        {
            problems.Add(new(Codes.ModuleSha256Invalid, $"module.json sha256 must be 64 hexadecimal characters, but it is '{LenientJson.Excerpt(metadata.Sha256)}'."));
        }
    }

    private static void CheckOsListValues(string key, IReadOnlyList<string>? list, List<ModulePackageProblem> problems)
    {
        foreach (string os in list ?? [])
        {
            // The cluster's parser looks for a name and a version number, e.g. 'ubuntu' and '18.04'.
            bool valid = os.Any(c => char.IsAsciiLetter(c) || c == '_') && os.Any(char.IsAsciiDigit);
            if (!valid)
            {
                problems.Add(new(Codes.ModuleOsListInvalid, $"In module.json, the '{key}' entry '{LenientJson.Excerpt(os)}' is not an operating system with a version, such as 'ubuntu18.04' or 'rhel9'."));
            }
        }
    }

    internal static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    // "$.commands[0].command_arity" -> "commands"
    private static string? TopLevelKey(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        string rest = path[2..];
        int end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    private static ModulePackageProblem Invalid(string message) => new(Codes.ModuleJsonInvalid, message);

    private static string Excerpt(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"the list {LenientJson.Excerpt(value.GetRawText())}",
        _ => LenientJson.Excerpt(value.GetRawText()),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
