namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>What one node holds apart from the configuration store: its packages, its version, its next scripted upload failure.</summary>
internal sealed class FakeNodeState(FakeNode node, string softwareVersion)
{
    internal FakeNode Node { get; } = node;

    internal string SoftwareVersion { get; } = softwareVersion;

    /// <summary>The port its listener bound.</summary>
    internal int Port { get; set; }

    internal List<FakeArtifact> Artifacts { get; } = [];

    internal ClusterError? NextUploadFailure { get; set; }
}
