using RedisEnterprise.Modules;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>Starting an upload in one run and waiting for it in another.</summary>
public static class LongRunningOperations
{
    #region long-running
    public static async Task StartUploadAsync(IRedisEnterpriseModulesClient client, string packagePath, string statePath, CancellationToken cancellationToken)
    {
        // Returns once the cluster has taken the package; the installation goes on there.
        ModuleOperation upload = await client.StartUploadModuleAsync(packagePath, cancellationToken: cancellationToken);
        await File.WriteAllLinesAsync(statePath, [upload.ActionUid, upload.ModuleUid], cancellationToken);
    }

    public static async Task<ModuleInfo> FinishUploadAsync(IRedisEnterpriseModulesClient client, string statePath, CancellationToken cancellationToken)
    {
        // Another process, or a later run: resume from the stored uids.
        string[] saved = await File.ReadAllLinesAsync(statePath, cancellationToken);
        var upload = new ModuleOperation(client, actionUid: saved[0], moduleUid: saved[1]);
        return await upload.WaitForModuleAsync(cancellationToken); // polls the action, then gets the module
    }
    #endregion

    public static async Task<ModuleInfo> UploadWithProgressAsync(IRedisEnterpriseModulesClient client, string packagePath, CancellationToken cancellationToken)
    {
        #region progress
        var options = new UploadModuleOptions
        {
            UploadProgress = new Progress<UploadProgress>(p => Console.WriteLine($"sent {p.BytesSent:N0} of {p.TotalBytes:N0} bytes")),
            ActionProgress = new Progress<ActionInfo>(a => Console.WriteLine($"the cluster: {a.RawStatus} {a.Progress}")),
        };
        ModuleInfo module = await client.UploadModuleAsync(packagePath, options, cancellationToken);
        #endregion
        return module;
    }
}
