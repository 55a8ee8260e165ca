using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Operations;

/// <summary>How an operation polls: taken from the client's options, or the defaults for a client that is not a <see cref="RedisEnterpriseModulesClient"/>.</summary>
internal sealed record PollingSettings(TimeSpan Interval, TimeSpan MaxInterval, TimeSpan OperationTimeout, TimeProvider TimeProvider, ILogger Logger)
{
    internal static PollingSettings From(RedisEnterpriseModulesClientOptions options) =>
        new(options.PollingInterval, options.MaxPollingInterval, options.OperationTimeout, options.TimeProvider, Http.ClusterHttpHandler.LoggerFor(options));

    private static readonly PollingSettings Defaults = From(new RedisEnterpriseModulesClientOptions());

    internal static PollingSettings For(IRedisEnterpriseModulesClient client) =>
        client is RedisEnterpriseModulesClient { PollingSettings: { } settings } ? settings : Defaults;
}
