using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>The tables people read; each draws the same view the JSON output writes.</summary>
internal static class Tables
{
    public static IRenderable Modules(IEnumerable<ModuleView> modules)
    {
        Table table = New("module", "semantic version", "version", "uid", "bundled");
        foreach (ModuleView m in modules) Row(table, m.ModuleName, m.SemanticVersion, Number(m.Version), m.Uid, m.IsBundled is true ? "yes" : "");
        return table;
    }

    public static IRenderable Module(ModuleView module) => Fields(
        ("uid", module.Uid),
        ("module", module.ModuleName),
        ("display name", module.DisplayName),
        ("semantic version", module.SemanticVersion),
        ("version", Number(module.Version)),
        ("bundled", module.IsBundled switch { true => "yes", false => "no", null => null }),
        ("min Redis version", module.MinRedisVersion),
        ("min Redis Software version", module.MinRedisPackVersion),
        ("compatible Redis version", module.CompatibleRedisVersion),
        ("capabilities", string.Join(", ", module.Capabilities)));

    public static IRenderable Nodes(IEnumerable<NodeView> nodes)
    {
        Table table = New("node", "address", "status", "Redis Software", "OS", "architecture", "shards");
        foreach (NodeView n in nodes) Row(table, n.Uid.ToString(CultureInfo.InvariantCulture), n.Address, n.Status, n.SoftwareVersion, $"{n.OsName} {n.OsVersion}".Trim(), n.Architecture, Number(n.ShardCount));
        return table;
    }

    public static IRenderable Action(ActionView action) => Fields(
        ("action", action.ActionUid),
        ("name", action.Name),
        ("status", action.Status),
        ("progress", action.Progress is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : null),
        ("object", action.ObjectName),
        ("error code", action.ErrorCode),
        ("error", action.ErrorMessage));

    public static IRenderable Problems(IEnumerable<ProblemView> problems)
    {
        Table table = New("problem", "entry", "message");
        foreach (ProblemView p in problems) Row(table, p.Code, p.Entry, p.Message);
        return table;
    }

    public static IRenderable Ensured(IEnumerable<EnsureView> results)
    {
        Table table = New("package", "module", "semantic version", "uid", "outcome");
        foreach (EnsureView r in results) Row(table, r.Package, r.Module.ModuleName, r.Module.SemanticVersion, r.Module.Uid, Outcome(r));
        return table;
    }

    public static string Outcome(EnsureView result) =>
        result.Uploaded ? "installed"
        : result.RepairedNodes.Count > 0 ? $"repaired nodes {string.Join(", ", result.RepairedNodes)}"
        : "already installed";

    /// <summary>A two-column table of names and values, leaving out the values that are not there.</summary>
    public static IRenderable Fields(params (string Name, string? Value)[] fields)
    {
        Table table = New("field", "value").HideHeaders();
        foreach ((string name, string? value) in fields.Where(f => !string.IsNullOrEmpty(f.Value))) Row(table, name, value);
        return table;
    }

    public static Table New(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns) table.AddColumn(new TableColumn(new Text(column)));
        return table;
    }

    public static void Row(Table table, params string?[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? string.Empty)).ToArray());

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
