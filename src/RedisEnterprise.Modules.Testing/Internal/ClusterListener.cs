using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// One HTTPS endpoint of the cluster: a Kestrel server on its node's loopback address and a free port, presenting the
/// cluster's certificate and serving <see cref="ClusterRoutes"/> over the shared <see cref="ClusterState"/>. A cluster
/// of several nodes has one listener per node.
/// </summary>
internal sealed class ClusterListener : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;

    private ClusterListener(WebApplication app, FakeNode node, Uri endpoint)
    {
        _app = app;
        Node = node;
        Endpoint = endpoint;
    }

    internal FakeNode Node { get; }

    /// <summary>The listener's address, e.g. <c>https://127.0.0.1:53211/</c>.</summary>
    internal Uri Endpoint { get; }

    /// <summary>
    /// Starts a listener for one node on <paramref name="port"/>; port 0: Kestrel binds a free port itself, so parallel clusters
    /// never race for one.
    /// </summary>
    /// <exception cref="IOException">The port is taken on the node's address.</exception>
    internal static async Task<ClusterListener> StartAsync(ClusterState cluster, FakeNode node, X509Certificate2 certificate, CancellationToken stopping, int port = 0)
    {
        // The empty builder reads no configuration (no ASPNETCORE_URLS, no appsettings.json) and logs nowhere.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // a package of any size; it is streamed to disk
            kestrel.Listen(node.Address, port, listen => listen.UseHttps(certificate));
        });

        WebApplication app = builder.Build();
        try
        {
            ClusterPipeline.Configure(app, cluster, node, stopping);
            await app.StartAsync(CancellationToken.None).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new ClusterListener(app, node, new Uri($"https://{node.Address}:{new Uri(address).Port}"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops accepting requests, lets those in flight end (at most 10 s), and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
