using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// One module of a <see cref="DatabaseUpgradeRequest"/>: which module the database moves, from which module object to
/// which. Only the properties that are set are sent.
/// </summary>
public sealed class DatabaseModuleUpgrade
{
    /// <summary>The module's name (<c>module_name</c>), e.g. <c>ReJSON</c>; required.</summary>
    [JsonPropertyName("module_name")]
    public string? ModuleName { get; set; }

    /// <summary>
    /// The uid of the module object the database loads now (<c>current_module</c>; <see cref="DatabaseModule.ModuleId"/>).
    /// Documented as deprecated since 7.8.2 but still accepted; used to pin the version to move from.
    /// </summary>
    [JsonPropertyName("current_module")]
    public string? CurrentModuleUid { get; set; }

    /// <summary>
    /// The uid of the module object to move to (<c>new_module</c>; <see cref="ModuleInfo.Uid"/>); <see langword="null"/> lets
    /// the cluster pick the highest version the database's Redis version allows.
    /// </summary>
    [JsonPropertyName("new_module")]
    public string? NewModuleUid { get; set; }

    /// <summary>The arguments to load the new version with (<c>new_module_args</c>); <see langword="null"/> sends none.</summary>
    [JsonPropertyName("new_module_args")]
    public string? NewModuleArgs { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{ModuleName ?? "(no module name)"}: {CurrentModuleUid ?? "current"} -> {NewModuleUid ?? "highest allowed"}";
}
