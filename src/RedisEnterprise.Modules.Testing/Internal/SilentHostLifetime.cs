using Microsoft.Extensions.Hosting;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// The host lifetime of a listener: none. The default, ConsoleLifetime, would take over Ctrl+C and SIGTERM of the
/// process that runs the tests; a listener stops when its cluster is disposed, and only then.
/// </summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
