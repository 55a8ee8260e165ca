using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.WorkerSample;

/// <summary>Points the worker at an in-process simulated cluster when no real one is configured.</summary>
internal static class SimulatedCluster
{
    internal static FakeRedisEnterpriseCluster UseIn(HostApplicationBuilder builder)
    {
        // Database 1 loads the bundled ReJSON 2.8.4; the folder has 2.8.9, for databases on Redis 7.4.
        var options = new FakeClusterOptions { AllowModulesUpload = true };
        options.Databases.Add(new FakeDatabase("orders", "7.4").WithModule("ReJSON", "2.8.4"));
        FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(options);
        string folder = Directory.CreateTempSubdirectory("worker-sample").FullName;
        string caPath = Path.Combine(folder, "cluster-ca.pem");
        File.WriteAllText(caPath, cluster.Certificate.ExportCertificatePem());
        string modules = Directory.CreateDirectory(Path.Combine(folder, "modules")).FullName;
        new ModulePackageBuilder("ReJSON", "2.8.9")
            .WithPayloadSize(256 * 1024)
            .WithModuleJsonProperty("compatible_redis_version", System.Text.Json.Nodes.JsonValue.Create("7.4"))
            .WriteTo(Path.Combine(modules, "rejson.Linux-ubuntu18.04-x86_64.2.8.9.zip"));
        new ModulePackageBuilder("bf", "2.8.7").WithPayloadSize(128 * 1024).WriteTo(Path.Combine(modules, "bf.Linux-ubuntu18.04-x86_64.2.8.7.zip"));

        // The same keys a real deployment sets in appsettings.json or environment variables.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RedisEnterprise:Endpoint"] = cluster.Endpoint.ToString(),
            ["RedisEnterprise:Username"] = cluster.Username,
            ["RedisEnterprise:Password"] = cluster.Password,
            ["RedisEnterprise:TrustedCertificatesPath"] = caPath,
            ["RedisEnterprise:PollingInterval"] = "0.05",
            ["ModuleInstaller:ModulesFolder"] = modules,
            ["ModuleInstaller:RunOnce"] = "true",
            ["ModuleInstaller:UpgradeDatabases:0"] = "1",
        });
        Console.WriteLine($"No RedisEnterprise:Endpoint configured: using a simulated cluster at {cluster.Endpoint}, modules from {modules}");
        return cluster;
    }

    internal static void Clean(HostApplicationBuilder builder)
    {
        string? modules = builder.Configuration["ModuleInstaller:ModulesFolder"];
        if (modules is not null && Path.GetDirectoryName(modules) is { } folder) Directory.Delete(folder, recursive: true);
    }
}
