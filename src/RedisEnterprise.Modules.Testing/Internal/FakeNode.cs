using System.Net;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// One node of the fake cluster: its uid and the loopback address its <see cref="ClusterListener"/> binds (every
/// 127.0.0.0/8 address works on Linux, so each node can have an address of its own, as on a real cluster).
/// </summary>
internal sealed record FakeNode(int Uid, IPAddress Address)
{
    /// <summary>The node a cluster starts with, on 127.0.0.1.</summary>
    internal static FakeNode First { get; } = new(1, IPAddress.Loopback);
}
