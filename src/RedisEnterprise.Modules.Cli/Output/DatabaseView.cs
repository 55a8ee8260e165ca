namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>A database as the JSON output shows it: what decides which module versions it can load.</summary>
internal sealed record DatabaseView(int Uid, string? Name, string? Status, string? RedisVersion, IReadOnlyList<DatabaseModuleView> Modules)
{
    public static DatabaseView From(DatabaseInfo database) =>
        new(database.Uid, database.Name, database.Status, database.RedisVersion, [.. database.Modules.Select(DatabaseModuleView.From)]);
}
