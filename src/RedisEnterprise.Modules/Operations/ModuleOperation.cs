namespace RedisEnterprise.Modules;

/// <summary>A module upload followed to its end: the action, and the module the cluster has once it completes.</summary>
public class ModuleOperation : ActionOperation
{
    /// <summary>Follows an existing upload: resume from a stored action uid and module uid.</summary>
    /// <param name="client">The client of the cluster.</param>
    /// <param name="actionUid">The upload's action uid.</param>
    /// <param name="moduleUid">The uid of the module being uploaded.</param>
    /// <exception cref="ArgumentException">A uid is null, empty or whitespace.</exception>
    public ModuleOperation(IRedisEnterpriseModulesClient client, string actionUid, string moduleUid)
        : base(client, actionUid)
    {
        UidRules.ThrowIfInvalid(moduleUid, nameof(moduleUid));
        ModuleUid = moduleUid;
    }

    internal ModuleOperation(IRedisEnterpriseModulesClient client, ModuleInfo accepted)
        : this(client, accepted.ActionUid!, accepted.Uid)
    {
        AcceptedModule = accepted;
    }

    /// <summary>
    /// An upload that has already completed (Redis Software 8, where no action tracks it): <see cref="ActionOperation.ActionUid"/>
    /// is empty, and <see cref="WaitForModuleAsync"/> returns at once the module as <c>GET /v1/modules/{uid}</c> shows it.
    /// </summary>
    private ModuleOperation(IRedisEnterpriseModulesClient client, ModuleInfo installed, ActionInfo completed)
        : base(client, completed)
    {
        ModuleUid = installed.Uid;
        AcceptedModule = installed;
    }

    /// <summary>The operation of an upload that has already completed, without an action.</summary>
    internal static ModuleOperation Installed(IRedisEnterpriseModulesClient client, ModuleInfo installed) =>
        new(client, installed, CompletedWithoutAction("module_upload"));

    /// <summary>For mocking.</summary>
    protected ModuleOperation()
    {
        ModuleUid = string.Empty;
    }

    /// <summary>The module object the upload's POST returned; <see langword="null"/> when resumed from uids.</summary>
    public virtual ModuleInfo? AcceptedModule { get; }

    /// <summary>The uid of the module being uploaded.</summary>
    public virtual string ModuleUid { get; }

    /// <summary>Polls until the upload ends, then gets the module as the cluster has it (<c>GET /v1/modules/{uid}</c>).</summary>
    /// <param name="cancellationToken">Stops waiting at once; the upload goes on in the cluster.</param>
    /// <returns>The module.</returns>
    /// <exception cref="ActionFailedException">The upload's action ended failed, cancelled or aborted.</exception>
    /// <exception cref="TimeoutException">The client's operation timeout passed.</exception>
    public virtual async Task<ModuleInfo> WaitForModuleAsync(CancellationToken cancellationToken = default)
    {
        await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        return await Client.GetModuleAsync(ModuleUid, cancellationToken).ConfigureAwait(false);
    }
}
