using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Snippets;

/// <summary>Clients from the container: one default, one named per extra cluster.</summary>
public static class DependencyInjection
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        #region dependency-injection
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddRedisEnterpriseModulesClient(builder.Configuration.GetSection("RedisEnterprise"));
        builder.Services.AddRedisEnterpriseModulesClient("eu-cluster", builder.Configuration.GetSection("Clusters:eu"));
        builder.Services.AddHostedService<ModuleReport>();
        #endregion
        return builder;
    }
}

/// <summary>A hosted service that takes the default client and a named one.</summary>
public sealed class ModuleReport(
    IRedisEnterpriseModulesClient client,
    [FromKeyedServices("eu-cluster")] IRedisEnterpriseModulesClient euCluster,
    ILogger<ModuleReport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int here = (await client.ListModulesAsync(stoppingToken)).Count;
        int there = (await euCluster.ListModulesAsync(stoppingToken)).Count;
        logger.LogInformation("{Here} modules here, {There} in the EU cluster", here, there);
    }
}
