namespace RedisEnterprise.Modules.Snippets;

/// <summary>Whether a package fits a cluster, asked before uploading it.</summary>
public static class CompatibilityCheck
{
    public static async Task<bool> CheckAsync(IRedisEnterpriseModulesClient client, string packagePath, CancellationToken cancellationToken)
    {
        #region compatibility-check
        // GETs only: the nodes, the cluster's settings, its modules and databases.
        ModuleCompatibilityReport report = await client.CheckModuleCompatibilityAsync(
            packagePath, new UploadModuleOptions { EnableModuleUploads = true }, cancellationToken);
        foreach (ModuleCompatibilityIssue problem in report.Problems)
            Console.WriteLine($"problem {problem.Code}{(problem.NodeUid is { } node ? $" on node {node}" : "")}: {problem.Message}");
        foreach (ModuleCompatibilityIssue warning in report.Warnings)
            Console.WriteLine($"warning {warning.Code}: {warning.Message}");
        Console.WriteLine($"can load it: {string.Join(", ", report.DatabasesThatCanUse.Select(d => d.Name))}; " +
            $"to move to it after the upload: {string.Join(", ", report.UpgradeCandidates.Select(d => d.Name))}");
        return report.IsCompatible;
        #endregion
    }
}
