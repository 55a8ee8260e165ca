using System.Collections.Concurrent;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// The connections to the nodes' own addresses, one per base address, made on first use through the same handler chain rules
/// as the cluster endpoint (<see cref="HandlerChain.CreateForNode"/>) and disposed with the client.
/// </summary>
internal sealed class NodeConnections(RedisEnterpriseModulesClientOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<Uri, Lazy<(HttpClient Http, ClusterConnection Connection)>> _byAddress = new();
    private volatile bool _disposed;

    /// <summary>Where a node is reached: <see cref="RedisEnterpriseModulesClientOptions.NodeEndpoints"/>, then <see cref="RedisEnterpriseModulesClientOptions.ResolveNodeEndpoint"/>, then the cluster endpoint's scheme and port at the node's address.</summary>
    /// <exception cref="ArgumentException">The node has no address and no endpoint is configured for it, or the resolver's answer is not an absolute http(s) address.</exception>
    internal Uri EndpointOf(NodeInfo node)
    {
        if (options.NodeEndpoints.TryGetValue(node.Uid, out Uri? configured)) return configured;
        if (options.ResolveNodeEndpoint is { } resolve)
        {
            Uri resolved = resolve(node);
            return resolved is { IsAbsoluteUri: true } && (resolved.Scheme == Uri.UriSchemeHttps || (resolved.Scheme == Uri.UriSchemeHttp && options.AllowInsecureHttp)) && resolved.UserInfo.Length == 0
                ? resolved
                : throw new ArgumentException($"ResolveNodeEndpoint gave node {node.Uid} an address that is not an absolute https:// address without credentials (http:// needs AllowInsecureHttp).", nameof(node));
        }

        if (string.IsNullOrWhiteSpace(node.Address))
        {
            throw new ArgumentException($"Node {node.Uid} has no address (addr); set NodeEndpoints[{node.Uid}] or ResolveNodeEndpoint.", nameof(node));
        }

        Uri cluster = options.Endpoint!;
        return new UriBuilder(cluster.Scheme, node.Address.Trim(), cluster.Port).Uri;
    }

    /// <summary>The connection to the node's address, made on first use.</summary>
    internal ClusterConnection For(NodeInfo node)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Uri endpoint = EndpointOf(node);
        return _byAddress.GetOrAdd(endpoint, address => new Lazy<(HttpClient, ClusterConnection)>(() =>
        {
            var http = new HttpClient(HandlerChain.CreateForNode(options, node.Uid), disposeHandler: true)
            {
                BaseAddress = address,
                Timeout = Timeout.InfiniteTimeSpan, // timeouts are per call, as on the cluster endpoint
            };
            return (http, new ClusterConnection(http, options));
        })).Value.Connection;
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (Lazy<(HttpClient Http, ClusterConnection Connection)> connection in _byAddress.Values)
        {
            if (connection.IsValueCreated) connection.Value.Http.Dispose();
        }

        _byAddress.Clear();
    }
}
