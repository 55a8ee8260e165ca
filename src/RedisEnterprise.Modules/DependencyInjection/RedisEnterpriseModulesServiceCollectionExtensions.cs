using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedisEnterprise.Modules.DependencyInjection;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules;

/// <summary>Registers <see cref="IRedisEnterpriseModulesClient"/> with dependency injection, through <c>IHttpClientFactory</c>.</summary>
/// <example>
/// <code>
/// builder.Services.AddRedisEnterpriseModulesClient(builder.Configuration.GetSection("RedisEnterprise"));
/// builder.Services.AddRedisEnterpriseModulesClient("eu-cluster", builder.Configuration.GetSection("Clusters:eu"));
/// // inject IRedisEnterpriseModulesClient, [FromKeyedServices("eu-cluster")] IRedisEnterpriseModulesClient,
/// // or IRedisEnterpriseModulesClientFactory.CreateClient("eu-cluster")
/// </code>
/// </example>
public static class RedisEnterpriseModulesServiceCollectionExtensions
{
    /// <summary>Registers the default client, its options bound from <paramref name="section"/> and validated at startup.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section holding the options, e.g. <c>RedisEnterprise</c> with <c>Endpoint</c>, <c>Username</c>, <c>Password</c>.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddRedisEnterpriseModulesClient(this IServiceCollection services, IConfiguration section) =>
        services.AddRedisEnterpriseModulesClient(Options.DefaultName, section);

    /// <summary>Registers the default client, its options set by <paramref name="configure"/> and validated at startup.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddRedisEnterpriseModulesClient(this IServiceCollection services, Action<RedisEnterpriseModulesClientOptions> configure) =>
        services.AddRedisEnterpriseModulesClient(Options.DefaultName, configure);

    /// <summary>Registers a named client (one per cluster), resolved as a keyed service or through <see cref="IRedisEnterpriseModulesClientFactory"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name, e.g. <c>eu-cluster</c>.</param>
    /// <param name="section">The section holding the options.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddRedisEnterpriseModulesClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.Register(name, options => RedisEnterpriseModulesClientOptionsSection.Read(section).ApplyTo(options), section);
    }

    /// <summary>Registers a named client (one per cluster), resolved as a keyed service or through <see cref="IRedisEnterpriseModulesClientFactory"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddRedisEnterpriseModulesClient(this IServiceCollection services, string name, Action<RedisEnterpriseModulesClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.Register(name, configure, configuration: null);
    }

    private static IHttpClientBuilder Register(this IServiceCollection services, string name, Action<RedisEnterpriseModulesClientOptions> configure, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        services.AddOptions<RedisEnterpriseModulesClientOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisEnterpriseModulesClientOptions>>(new RedisEnterpriseModulesClientStartupValidator(name, configuration));
        services.TryAddSingleton<IRedisEnterpriseModulesClientFactory, RedisEnterpriseModulesClientFactory>();
        if (name == Options.DefaultName)
        {
            services.TryAddTransient(sp => sp.GetRequiredService<IRedisEnterpriseModulesClientFactory>().CreateClient(name));
        }
        else
        {
            services.AddKeyedTransient(name, (sp, _) => sp.GetRequiredService<IRedisEnterpriseModulesClientFactory>().CreateClient(name));
        }

        // The same chain as a client that owns its connection (HandlerChain), the caller's own handlers after it.
        return services.AddHttpClient(RedisEnterpriseModulesClientFactory.HttpClientName(name))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // per-call timeouts: uploads have their own
            .ConfigurePrimaryHttpMessageHandler(sp => HandlerChain.CreatePrimaryHandler(OptionsOf(sp, name)))
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) =>
            {
                IReadOnlyList<DelegatingHandler> chain = HandlerChain.CreateDelegatingHandlers(OptionsOf(sp, name));
                for (int i = 0; i < chain.Count; i++) handlers.Insert(i, chain[i]);
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan); // SocketsHttpHandler recycles connections itself (PooledConnectionLifetime)
    }

    internal static RedisEnterpriseModulesClientOptions OptionsOf(IServiceProvider services, string name)
    {
        RedisEnterpriseModulesClientOptions options = services.GetRequiredService<IOptionsMonitor<RedisEnterpriseModulesClientOptions>>().Get(name);
        if (options.LoggerFactory is not null) return options;
        RedisEnterpriseModulesClientOptions withLogging = options.Clone();
        withLogging.LoggerFactory = services.GetService<ILoggerFactory>();
        return withLogging;
    }
}
