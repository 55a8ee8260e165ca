using System.Globalization;
using Microsoft.Extensions.Logging;
using RedisEnterprise.Modules.Diagnostics;
using RedisEnterprise.Modules.Transport;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Workflows;

/// <summary>
/// Install, ensure and delete on Redis Software 8.0 and later, where no single request does it: the module's configuration
/// in the cluster (<c>/v2/modules/user-defined</c>) and the package on every active node (<c>/v2/local/…/artifacts</c> at
/// each node's own address). Each step is one of the client's calls, so each request has its span and log line.
/// </summary>
internal sealed class UserDefinedModuleWorkflow(RedisEnterpriseModulesClient client, ILogger logger)
{
    /// <summary>
    /// Creates the configuration, uploads the package to every active node, and checks each node lists it; on any node's
    /// failure deletes what it made and throws <see cref="ModuleInstallException"/>. Returns the module the cluster created.
    /// <paramref name="knownModules"/>: the modules the caller has just listed, for the compatibility check (<see langword="null"/> to read them).
    /// </summary>
    internal async Task<ModuleInfo> InstallAsync(PreparedPackage package, UploadModuleOptions? options, IReadOnlyList<ModuleInfo>? knownModules, CancellationToken cancellationToken)
    {
        int parallel = MaxParallel(options);
        ModuleCompatibilityInputs? judged = await client.ThrowIfIncompatibleAsync(package, options, nodes: null, knownModules, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<NodeInfo> nodes = ActiveOf(judged?.Nodes ?? await client.ListNodesAsync(cancellationToken).ConfigureAwait(false));
        return await WithUploadsAllowedAsync(options, package, judged?.Cluster, async () =>
        {
            ModuleInfo created;
            try
            {
                created = await client.CreateUserDefinedModuleAsync(package.Metadata, cancellationToken).ConfigureAwait(false);
            }
            catch (ModuleAlreadyExistsException exists)
            {
                throw exists.Naming(package.Metadata);
            }

            await UploadToNodesAsync(package, nodes, options, parallel, created.Uid, createdConfiguration: true, cancellationToken).ConfigureAwait(false);
            return created;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Installs the module when its configuration is missing; otherwise uploads the package to each active node that lacks
    /// it (<see cref="EnsureModuleResult.RepairedNodes"/>).
    /// </summary>
    internal async Task<EnsureModuleResult> EnsureAsync(PreparedPackage package, UploadModuleOptions? options, CancellationToken cancellationToken)
    {
        // The modules as listed here serve the compatibility check too.
        (IReadOnlyList<ModuleInfo> modules, ModuleInfo? existing) = await ListAndFindAsync(package, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                return new EnsureModuleResult(await InstallAsync(package, options, modules, cancellationToken).ConfigureAwait(false), WasUploaded: true);
            }
            catch (ModuleAlreadyExistsException)
            {
                // Someone else created it meanwhile: go on to check its nodes.
                (modules, existing) = await ListAndFindAsync(package, cancellationToken).ConfigureAwait(false);
                if (existing is null) throw;
            }
        }

        int parallel = MaxParallel(options);
        IReadOnlyList<NodeInfo> allNodes = await client.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<NodeInfo> nodes = ActiveOf(allNodes);
        bool[] holds = await ForEachNodeAsync(nodes, parallel, (node, ct) => HoldsAsync(node, package, ct), cancellationToken).ConfigureAwait(false);
        List<NodeInfo> lacking = nodes.Where((_, i) => !holds[i]).ToList();
        if (lacking.Count == 0) return new EnsureModuleResult(existing, WasUploaded: false);

        ModuleCompatibilityInputs? judged = await client.ThrowIfIncompatibleAsync(package, options, allNodes, modules, cancellationToken).ConfigureAwait(false);
        foreach (NodeInfo node in lacking) Log.RepairingNode(logger, node.Uid, package.Describe());
        string uid = existing.Uid;
        await WithUploadsAllowedAsync(options, package, judged?.Cluster, async () =>
        {
            await UploadToNodesAsync(package, lacking, options, parallel, uid, createdConfiguration: false, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new EnsureModuleResult(await client.GetModuleAsync(uid, cancellationToken).ConfigureAwait(false), WasUploaded: false) { RepairedNodes = lacking };
    }

    /// <summary>
    /// Deletes the configuration (a module a database uses stops here, before any node is touched), then the package from
    /// every active node; a node that already lacks it is fine.
    /// </summary>
    internal async Task DeleteAsync(string uid, CancellationToken cancellationToken)
    {
        ModuleInfo module = await client.GetModuleAsync(uid, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<NodeInfo> nodes = ActiveOf(await client.ListNodesAsync(cancellationToken).ConfigureAwait(false));
        await client.DeleteUserDefinedModuleAsync(uid, cancellationToken).ConfigureAwait(false);
        if (module.ModuleName is not { } name || module.Version is not { } version) return; // nothing names a package on the nodes

        Exception?[] failures = await ForEachNodeAsync(nodes, DefaultParallel, async (node, ct) =>
        {
            try
            {
                await client.DeleteModuleArtifactAsync(node, name, version, ct).ConfigureAwait(false);
                return null;
            }
            catch (ModuleNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is RedisEnterpriseException or ArgumentException)
            {
                return e;
            }
        }, cancellationToken).ConfigureAwait(false);

        List<string> left = nodes.Select((node, i) => failures[i] is { } e ? $"node {Uid(node)} ({node.Address}): {e.Message}" : null).OfType<string>().ToList();
        if (left.Count > 0)
        {
            throw new RedisEnterpriseException(
                $"The configuration of module {uid} ({module.ModuleName} {module.SemanticVersion}) was deleted, but its package could not be deleted from {string.Join("; ", left)}. Delete it with DeleteModuleArtifactAsync.",
                innerException: failures.First(f => f is not null));
        }
    }

    private async Task<(IReadOnlyList<ModuleInfo> Modules, ModuleInfo? Installed)> ListAndFindAsync(PreparedPackage package, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(cancellationToken).ConfigureAwait(false);
        return (modules, ModuleCompatibilityCheck.FindSameVersion(modules, package.Metadata));
    }

    private const int DefaultParallel = 4;

    private static int MaxParallel(UploadModuleOptions? options)
    {
        int parallel = options?.MaxParallelNodeUploads ?? DefaultParallel;
        return parallel >= 1 ? parallel : throw new ArgumentOutOfRangeException(nameof(options), parallel, "UploadModuleOptions.MaxParallelNodeUploads must be 1 or more.");
    }

    private static string Uid(NodeInfo node) => node.Uid.ToString(CultureInfo.InvariantCulture);

    private static List<NodeInfo> ActiveOf(IReadOnlyList<NodeInfo> nodes)
    {
        List<NodeInfo> active = nodes.Where(n => n.IsActive).ToList();
        return active.Count > 0
            ? active
            : throw new RedisEnterpriseException($"GET {Routes.Nodes}: no node is active ({string.Join(", ", nodes)}), so there is no node to install the module's package on.");
    }

    private async Task<bool> HoldsAsync(NodeInfo node, PreparedPackage package, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModuleArtifact> artifacts = await client.ListModuleArtifactsAsync(node, cancellationToken).ConfigureAwait(false);
        return artifacts.Any(a => string.Equals(a.ModuleName, package.Metadata.ModuleName, StringComparison.Ordinal) && a.Version == package.Version);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <c>allow_modules_upload</c> on: when the cluster has it off, either switches it on for
    /// the work and off again afterwards (<see cref="UploadModuleOptions.EnableModuleUploads"/>) or fails before anything is sent.
    /// The cluster's settings are <paramref name="judged"/>, as the compatibility check has just read them, or read now.
    /// </summary>
    private async Task<T> WithUploadsAllowedAsync<T>(UploadModuleOptions? options, PreparedPackage package, ClusterInfo? judged, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ClusterInfo cluster = judged ?? await client.GetClusterAsync(cancellationToken).ConfigureAwait(false);
        if (!package.CheckCompatibility && ModuleCompatibilityCheck.IsAboveUploadLimit(package.Length, cluster))
        {
            // The check's warning says it otherwise. The cluster itself takes up to 500 MB; its setting bounds uploads through the web UI at least.
            Log.PackageAboveUploadLimit(logger, package.Length / (1024d * 1024d), cluster.ModuleUploadMaxSizeMb!.Value);
        }

        if (cluster.AllowModulesUpload != false) return await work().ConfigureAwait(false);
        if (options?.EnableModuleUploads != true)
        {
            throw new ModuleUploadDisabledException($"GET {Routes.Cluster}: allow_modules_upload is false; nothing was sent. {ModuleUploadDisabledException.HowToEnable}");
        }

        Log.SwitchingModuleUploads(logger, "on");
        await client.SetModuleUploadsAsync(true, cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await SwitchUploadsOffAsync(failure).ConfigureAwait(false);
            throw;
        }

        await SwitchUploadsOffAsync(failure: null).ConfigureAwait(false);
        return result;
    }

    /// <summary>Sets <c>allow_modules_upload</c> back to false, even when the caller has cancelled; a failure to do so after a successful install is thrown, after a failed one logged.</summary>
    private async Task SwitchUploadsOffAsync(Exception? failure)
    {
        Log.SwitchingModuleUploads(logger, "off");
        try
        {
            await client.SetModuleUploadsAsync(false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RedisEnterpriseException e)
        {
            Log.ModuleUploadsLeftOn(logger, e.Message);
            if (failure is null)
            {
                throw new RedisEnterpriseException(
                    $"The module was installed, but module uploads could not be switched off again: allow_modules_upload is still true. Set it with PUT {Routes.Cluster} {{\"allow_modules_upload\": false}}. {e.Message}",
                    e.Status,
                    e.ErrorCode,
                    e.ServerMessage,
                    e) { Method = e.Method, Path = e.Path };
            }
        }
    }

    /// <summary>
    /// Uploads the package to each node (at most <paramref name="parallel"/> at a time) and checks each node lists it. When a
    /// node fails, deletes the packages this call uploaded and, when this call created it, the configuration; then throws
    /// <see cref="ModuleInstallException"/> (or the caller's cancellation).
    /// </summary>
    private async Task UploadToNodesAsync(PreparedPackage package, IReadOnlyList<NodeInfo> nodes, UploadModuleOptions? options, int parallel, string moduleUid, bool createdConfiguration, CancellationToken cancellationToken)
    {
        Log.UploadingToNodes(logger, package.Describe(), nodes.Count, Math.Min(parallel, nodes.Count));
        NodeAttempt[] attempts = await ForEachNodeAsync(nodes, parallel, (node, ct) => UploadToNodeAsync(node, package, options?.UploadProgress, ct), cancellationToken).ConfigureAwait(false);
        if (attempts.All(a => a.Error is null)) return;

        Log.RollingBack(logger, package.Describe(), string.Join(", ", attempts.Where(a => a.Error is not null).Select(a => Uid(a.Node))));
        var results = new List<NodeInstallResult>(attempts.Length);
        foreach (NodeAttempt attempt in attempts)
        {
            Exception? rollbackFailure = MayHoldPackage(attempt) ? await DeleteUploadedAsync(attempt.Node, package).ConfigureAwait(false) : null;
            results.Add(new NodeInstallResult(attempt.Node.Uid, attempt.Node.Address, attempt.Error is null, attempt.Error, rollbackFailure is not null, rollbackFailure));
        }

        bool configurationLeft = false;
        if (createdConfiguration)
        {
            try
            {
                await client.DeleteUserDefinedModuleAsync(moduleUid, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ModuleNotFoundException)
            {
                // Already gone.
            }
            catch (RedisEnterpriseException)
            {
                configurationLeft = true;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        // A package refused while it was sent is the caller's to fix: the same exception as a check before the upload, once nothing is left behind.
        ModulePackageValidationException? refused = attempts.Select(a => a.Error).OfType<ModulePackageValidationException>().FirstOrDefault();
        if (refused is not null && !configurationLeft && !results.Any(r => r.ArtifactLeftBehind)) throw refused;

        Exception first = refused ?? attempts.First(a => a.Error is not null).Error!;
        throw new ModuleInstallException(
            ModuleInstallException.Describe(package.Describe(), results, moduleUid, configurationLeft),
            results,
            createdConfiguration ? moduleUid : null,
            configurationLeft,
            first);
    }

    private async Task<NodeAttempt> UploadToNodeAsync(NodeInfo node, PreparedPackage package, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        bool uploaded = false;
        try
        {
            await client.UploadArtifactAsync(node, package, progress is null ? null : new NodeUploadProgress(progress, node.Uid), cancellationToken).ConfigureAwait(false);
            uploaded = true;
            return await HoldsAsync(node, package, cancellationToken).ConfigureAwait(false)
                ? new NodeAttempt(node, Uploaded: true, Error: null)
                : new NodeAttempt(node, Uploaded: true, new RedisEnterpriseException($"Node {Uid(node)} accepted the package but does not list {package.Describe()} (version {package.Version.ToString(CultureInfo.InvariantCulture)}) among its artifacts."));
        }
        catch (Exception e) when (e is RedisEnterpriseException or OperationCanceledException or ArgumentException or IOException)
        {
            return new NodeAttempt(node, uploaded, e);
        }
    }

    /// <summary>
    /// Whether the node may hold the package: it took it, or its upload ended without an answer (cancelled, timed out, cut
    /// off), after which the node may have stored every byte it got. A node that answered with an error does not hold it.
    /// </summary>
    private static bool MayHoldPackage(NodeAttempt attempt) =>
        attempt.Uploaded || attempt.Error is OperationCanceledException or RedisEnterpriseConnectionException;

    /// <summary>Deletes the package this call uploaded to a node; the failure, when it stays there.</summary>
    private async Task<Exception?> DeleteUploadedAsync(NodeInfo node, PreparedPackage package)
    {
        try
        {
            await client.DeleteModuleArtifactAsync(node, package.Metadata.ModuleName!, package.Version, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (ModuleNotFoundException)
        {
            return null;
        }
        catch (RedisEnterpriseException e)
        {
            return e;
        }
    }

    /// <summary>Runs <paramref name="work"/> for every node, at most <paramref name="parallel"/> at a time; the results in the nodes' order.</summary>
    private static async Task<T[]> ForEachNodeAsync<T>(IReadOnlyList<NodeInfo> nodes, int parallel, Func<NodeInfo, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Min(parallel, Math.Max(nodes.Count, 1)));
        return await Task.WhenAll(nodes.Select(async node =>
        {
            // Not the caller's token: every node's work runs (and, once cancelled, ends at its first request), so an upload's
            // outcome is known for the rollback.
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                return await work(node, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One node's upload: whether the package reached it (so a rollback deletes it), and why it failed.</summary>
    private sealed record NodeAttempt(NodeInfo Node, bool Uploaded, Exception? Error);
}
