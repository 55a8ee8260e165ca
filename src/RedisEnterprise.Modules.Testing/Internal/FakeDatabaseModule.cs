namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>One entry of a database's <c>module_list</c>: the module object's uid, its name and version, its arguments.</summary>
internal sealed record FakeDatabaseModule(string ModuleId, string ModuleName, string SemanticVersion, string ModuleArgs);
