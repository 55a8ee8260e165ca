using Microsoft.Extensions.Logging;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules;

/// <summary>
/// How an operation polls its action: the first interval, the longest one the backoff grows to, how long waiting may take in
/// all, and the clock. A client's come from its options (<see cref="IRedisEnterpriseModulesClient.Polling"/>).
/// </summary>
public sealed class OperationPolling
{
    private OperationPolling(TimeSpan interval, TimeSpan maxInterval, TimeSpan operationTimeout, TimeProvider timeProvider, ILogger logger, CancellationToken stopped)
    {
        Interval = interval;
        MaxInterval = maxInterval;
        OperationTimeout = operationTimeout;
        TimeProvider = timeProvider;
        Logger = logger;
        Stopped = stopped;
    }

    /// <summary>The defaults of <see cref="RedisEnterpriseModulesClientOptions"/>: 1 second growing to 10, for up to 30 minutes.</summary>
    public static OperationPolling Default { get; } = From(new RedisEnterpriseModulesClientOptions());

    /// <summary>The first interval between polls (<see cref="RedisEnterpriseModulesClientOptions.PollingInterval"/>).</summary>
    public TimeSpan Interval { get; }

    /// <summary>The longest interval between polls (<see cref="RedisEnterpriseModulesClientOptions.MaxPollingInterval"/>).</summary>
    public TimeSpan MaxInterval { get; }

    /// <summary>How long waiting may take, from the first poll (<see cref="RedisEnterpriseModulesClientOptions.OperationTimeout"/>).</summary>
    public TimeSpan OperationTimeout { get; }

    /// <summary>The clock of the waits and the timeout.</summary>
    public TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>Cancelled when the client that made these settings is disposed: its operations stop polling.</summary>
    internal CancellationToken Stopped { get; }

    /// <summary>The polling of a client with these options.</summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The settings.</returns>
    public static OperationPolling From(RedisEnterpriseModulesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return From(options, CancellationToken.None);
    }

    internal static OperationPolling From(RedisEnterpriseModulesClientOptions options, CancellationToken stopped) =>
        new(options.PollingInterval, options.MaxPollingInterval, options.OperationTimeout, options.TimeProvider, HandlerChain.LoggerFor(options), stopped);

    internal OperationPolling WithFixedInterval(TimeSpan every) => new(every, every, OperationTimeout, TimeProvider, Logger, Stopped);
}
