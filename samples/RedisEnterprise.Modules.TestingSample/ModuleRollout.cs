
namespace RedisEnterprise.Modules.TestingSample;

/// <summary>
/// The code under test: automation a team writes on the SDK. It rolls a module forward: installs the package's
/// version if missing, then removes older versions of the same module that the cluster does not bundle.
/// </summary>
public sealed class ModuleRollout(IRedisEnterpriseModulesClient client)
{
    public async Task<RolloutReport> RollForwardAsync(string packagePath, CancellationToken cancellationToken = default)
    {
        EnsureModuleResult installed = await client.EnsureModuleInstalledAsync(packagePath, cancellationToken: cancellationToken);
        var removed = new List<string>();
        foreach (ModuleInfo old in await client.ListModulesAsync(cancellationToken))
        {
            if (old.ModuleName == installed.Module.ModuleName && old.Uid != installed.Module.Uid && old.IsBundled != true && old.Version < installed.Module.Version)
            {
                await client.DeleteModuleAsync(old.Uid, cancellationToken);
                removed.Add($"{old.ModuleName} {old.SemanticVersion}");
            }
        }

        return new RolloutReport(installed.Module, installed.WasUploaded, removed);
    }
}

public sealed record RolloutReport(ModuleInfo Installed, bool Uploaded, IReadOnlyList<string> Removed);
