
namespace RedisEnterprise.Modules.Snippets;

/// <summary>Starting an upload, storing its uids, and resuming from them.</summary>
public static class LongRunningOperations
{
    public static async Task<ModuleInfo> UploadAndResumeAsync(IRedisEnterpriseModulesClient client, string packagePath, string statePath, CancellationToken cancellationToken)
    {
        #region long-running
        // Returns once the cluster has taken the package; the installation goes on there.
        ModuleOperation upload = await client.StartUploadModuleAsync(packagePath, cancellationToken: cancellationToken);
        await File.WriteAllLinesAsync(statePath, [upload.ActionUid, upload.ModuleUid], cancellationToken);

        // Another process, or a later run: resume from the stored uids.
        string[] saved = await File.ReadAllLinesAsync(statePath, cancellationToken);
        var resumed = new ModuleOperation(client, actionUid: saved[0], moduleUid: saved[1]);
        ModuleInfo module = await resumed.WaitForModuleAsync(cancellationToken); // polls the action, then gets the module
        #endregion
        return module;
    }
}
