namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>A problem or a warning of the compatibility check, with the node or database it is about.</summary>
internal sealed record CompatibilityIssueView(string Code, string Message, int? NodeUid, int? DatabaseUid)
{
    public static CompatibilityIssueView From(ModuleCompatibilityIssue issue) => new(issue.Code, issue.Message, issue.NodeUid, issue.DatabaseUid);
}
