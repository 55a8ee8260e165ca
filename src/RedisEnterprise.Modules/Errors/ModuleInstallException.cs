using System.Globalization;
using System.Text;

namespace RedisEnterprise.Modules;

/// <summary>
/// A module install on Redis Software 8 failed on some nodes. The SDK then deleted what it had uploaded and the module's
/// configuration; <see cref="NodeResults"/> says what happened on each node, and <see cref="IsRolledBack"/> whether
/// anything is left behind (<see cref="NodeInstallResult.ArtifactLeftBehind"/>, <see cref="ConfigurationLeftBehind"/>).
/// </summary>
/// <remarks><see cref="RedisEnterpriseException.Status"/> and <see cref="RedisEnterpriseException.ErrorCode"/> are those of the first node's failure.</remarks>
public class ModuleInstallException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="nodeResults">What happened on each node.</param>
    /// <param name="moduleUid">The uid of the module's configuration that the install created, if it got that far.</param>
    /// <param name="configurationLeftBehind">Whether that configuration is still in the cluster (its deletion failed).</param>
    /// <param name="innerException">The first node's failure.</param>
    public ModuleInstallException(string message, IReadOnlyList<NodeInstallResult> nodeResults, string? moduleUid = null, bool configurationLeftBehind = false, Exception? innerException = null)
        : base(message, (innerException as RedisEnterpriseException)?.Status ?? 0, (innerException as RedisEnterpriseException)?.ErrorCode, (innerException as RedisEnterpriseException)?.ServerMessage, innerException)
    {
        ArgumentNullException.ThrowIfNull(nodeResults);
        NodeResults = nodeResults;
        ModuleUid = moduleUid;
        ConfigurationLeftBehind = configurationLeftBehind;
    }

    /// <summary>What happened on each node the install was meant for, by node uid.</summary>
    public IReadOnlyList<NodeInstallResult> NodeResults { get; }

    /// <summary>The uid of the module's configuration the install created; <see langword="null"/> when it failed before that.</summary>
    public string? ModuleUid { get; }

    /// <summary>Whether the module's configuration is still in the cluster because its deletion failed.</summary>
    public bool ConfigurationLeftBehind { get; }

    /// <summary>Whether the rollback left nothing behind: no package on any node, no configuration.</summary>
    public bool IsRolledBack => !ConfigurationLeftBehind && NodeResults.All(r => !r.ArtifactLeftBehind);

    /// <summary>The message the SDK gives: which nodes failed, and what is left where.</summary>
    internal static string Describe(string module, IReadOnlyList<NodeInstallResult> results, string? moduleUid, bool configurationLeftBehind)
    {
        var text = new StringBuilder();
        int failed = results.Count(r => !r.Succeeded);
        text.Append(CultureInfo.InvariantCulture, $"Installing {module} failed on {failed} of {results.Count} node(s).");
        foreach (NodeInstallResult result in results) text.Append(' ').Append(result).Append('.');

        var left = results.Where(r => r.ArtifactLeftBehind).Select(r => $"node {r.NodeUid.ToString(CultureInfo.InvariantCulture)} ({r.Address})").ToList();
        if (configurationLeftBehind) left.Insert(0, $"the module's configuration (uid {moduleUid}) in the cluster");
        text.Append(left.Count == 0
            ? " Rolled back: the uploaded packages and the module's configuration were deleted."
            : " The rollback did not finish; left behind: " + string.Join(", ", left) + ". Delete them (DeleteModuleArtifactAsync, DeleteUserDefinedModuleAsync) or run the install again.");
        return text.ToString();
    }
}
