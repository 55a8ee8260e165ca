using RedisEnterprise.Modules;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>Which exception tells what went wrong with an upload.</summary>
public static class ErrorHandling
{
    #region errors
    public static async Task<string> UploadAsync(IRedisEnterpriseModulesClient client, string packagePath)
    {
        try
        {
            ModuleInfo module = await client.UploadModuleAsync(packagePath);
            return $"installed {module.ModuleName} {module.SemanticVersion} as {module.Uid}";
        }
        catch (FileNotFoundException e)
        {
            return $"no such file: {e.FileName}"; // nothing was sent
        }
        catch (ModulePackageValidationException e)
        {
            return $"bad package: {string.Join("; ", e.Validation.Problems)}"; // nothing was sent
        }
        catch (ModuleAlreadyExistsException)
        {
            return "the cluster already has this version";
        }
        catch (ActionFailedException e)
        {
            return $"the cluster took the package, then its action ended {e.Action.RawStatus}: {e.ErrorCode}";
        }
        catch (RedisEnterpriseConnectionException e)
        {
            return $"could not reach the cluster: {e.Message}"; // no answer came back (Status 0)
        }
        catch (RedisEnterpriseException e)
        {
            return $"{e.Method} {e.Path} answered {e.Status} {e.ErrorCode}: {e.ServerMessage}";
        }
        catch (TimeoutException e)
        {
            return $"still running after OperationTimeout (it goes on in the cluster): {e.Message}";
        }
    }
    #endregion
}
