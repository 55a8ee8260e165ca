using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedisEnterprise.Modules;

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

#region injected-client
public sealed class ModuleReport(
    IRedisEnterpriseModulesClient client,                                      // the default client
    [FromKeyedServices("eu-cluster")] IRedisEnterpriseModulesClient euCluster, // a named one
    ILogger<ModuleReport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<ModuleInfo> here = await client.ListModulesAsync(stoppingToken);
        IReadOnlyList<ModuleInfo> there = await euCluster.ListModulesAsync(stoppingToken);
        logger.LogInformation("{Here} modules here, {There} in the EU cluster", here.Count, there.Count);
    }
}
#endregion
