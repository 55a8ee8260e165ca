using System.Globalization;

namespace RedisEnterprise.Modules;

/// <summary>What happened on one node during a module install on Redis Software 8: the upload, and the rollback after a failure.</summary>
/// <param name="NodeUid">The node's uid.</param>
/// <param name="Address">The address the SDK reached the node at.</param>
/// <param name="Succeeded">Whether the package was uploaded to the node and the node lists it.</param>
/// <param name="Exception">Why the node's upload failed (or was not tried); <see langword="null"/> when it succeeded.</param>
/// <param name="ArtifactLeftBehind">Whether the package is still on the node after the rollback (its deletion failed).</param>
/// <param name="RollbackException">Why deleting the package from the node failed, when <paramref name="ArtifactLeftBehind"/>.</param>
public sealed record NodeInstallResult(int NodeUid, string? Address, bool Succeeded, Exception? Exception, bool ArtifactLeftBehind = false, Exception? RollbackException = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        string node = $"node {NodeUid.ToString(CultureInfo.InvariantCulture)} ({Address ?? "no address"})";
        string outcome = Succeeded ? "uploaded" : $"failed: {Exception?.Message ?? "not tried"}";
        return ArtifactLeftBehind ? $"{node}: {outcome}; the package is left on it ({RollbackException?.Message ?? "its deletion failed"})" : $"{node}: {outcome}";
    }
}
