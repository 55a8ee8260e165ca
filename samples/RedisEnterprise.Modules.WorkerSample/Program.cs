// A worker that keeps every module package of a folder installed on a cluster, every few minutes.
// The cluster comes from configuration (appsettings.json "RedisEnterprise", or environment variables such as
// RedisEnterprise__Endpoint); with none configured it runs once against an in-process simulated cluster.
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;
using RedisEnterprise.Modules.WorkerSample;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
await using FakeRedisEnterpriseCluster? fake = string.IsNullOrEmpty(builder.Configuration["RedisEnterprise:Endpoint"])
    ? SimulatedCluster.UseIn(builder)
    : null;

builder.Services.AddRedisEnterpriseModulesClient(builder.Configuration.GetSection("RedisEnterprise"));
builder.Services.Configure<ModuleInstallerOptions>(builder.Configuration.GetSection("ModuleInstaller"));
builder.Services.AddHostedService<ModuleInstaller>();

using IHost host = builder.Build();
await host.RunAsync();
if (fake is not null) SimulatedCluster.Clean(builder);
return Environment.ExitCode;
