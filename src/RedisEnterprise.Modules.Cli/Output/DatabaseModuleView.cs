namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>A module a database loads: its name, version, the uid of the cluster's module, and its arguments.</summary>
internal sealed record DatabaseModuleView(string? ModuleName, string? SemanticVersion, string? ModuleId, string? ModuleArgs)
{
    public static DatabaseModuleView From(DatabaseModule module) => new(module.ModuleName, module.SemanticVersion, module.ModuleId, module.ModuleArgs);
}
