namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>One entry of an upgrade request's <c>modules</c>: <c>module_name</c>, <c>current_module</c>, <c>new_module</c>, <c>new_module_args</c>.</summary>
internal sealed record FakeUpgradeModule(string ModuleName, string? CurrentModule, string? NewModule, string? NewModuleArgs);
