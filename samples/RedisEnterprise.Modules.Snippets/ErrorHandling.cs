
namespace RedisEnterprise.Modules.Snippets;

/// <summary>Which exception tells what went wrong with an upload.</summary>
public static class ErrorHandling
{
    public static async Task<string> UploadAsync(IRedisEnterpriseModulesClient client, string packagePath)
    {
        #region errors
        try
        {
            ModuleInfo module = await client.UploadModuleAsync(packagePath);
            return $"installed {module.ModuleName} {module.SemanticVersion} as {module.Uid}";
        }
        catch (Exception e) when (e is RedisEnterpriseException or FileNotFoundException or TimeoutException)
        {
            return e switch
            {
                FileNotFoundException => "no such file, nothing sent",
                ModulePackageValidationException bad => $"bad package, not installed: {string.Join("; ", bad.Validation.Problems)}",
                ModuleAlreadyExistsException => "the cluster already has this version",
                ActionFailedException failed => $"the cluster took the package, then its action ended {failed.Action.RawStatus}: {failed.ErrorCode}",
                RedisEnterpriseConnectionException => $"could not reach the cluster: {e.Message}",
                RedisEnterpriseException error => $"{error.Method} {error.Path} answered {error.Status} {error.ErrorCode}",
                _ => $"still running after OperationTimeout, and going on in the cluster: {e.Message}",
            };
        }
        #endregion
    }
}
