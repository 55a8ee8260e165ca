using System.Text.Json;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// The models as the cluster's JSON spells them, read and written the way the client does (source-generated, lenient about
/// drifting value types, unknown keys kept): for fake clusters and recorded answers in tests. AOT-safe.
/// </summary>
public static class RedisEnterpriseModulesJson
{
    /// <summary>Writes a module as <c>GET /v1/modules/{uid}</c> answers it.</summary>
    /// <param name="module">The module.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ModuleInfo module) => JsonSerializer.Serialize(module, ModulesJsonContext.Default.ModuleInfo);

    /// <summary>Writes a list of modules as <c>GET /v1/modules</c> answers it.</summary>
    /// <param name="modules">The modules.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IReadOnlyList<ModuleInfo> modules) => JsonSerializer.Serialize(modules, ModulesJsonContext.Default.IReadOnlyListModuleInfo);

    /// <summary>Writes an action as <c>GET /v1/actions/{action_uid}</c> answers it.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ActionInfo action) => JsonSerializer.Serialize(action, ModulesJsonContext.Default.ActionInfo);

    /// <summary>Reads a module object, as the client reads one.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The module, or <see langword="null"/> for the JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not a module object (a value of the wrong type, say).</exception>
    public static ModuleInfo? DeserializeModule(string json) => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo);

    /// <summary>Reads an action object, as the client reads one.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The action, or <see langword="null"/> for the JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The text is not an action object.</exception>
    public static ActionInfo? DeserializeAction(string json) => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ActionInfo);
}
