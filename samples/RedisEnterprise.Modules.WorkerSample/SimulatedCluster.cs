using RedisEnterprise.Modules.Testing;

namespace RedisEnterprise.Modules.WorkerSample;

/// <summary>Points the worker at an in-process simulated cluster when no real one is configured.</summary>
internal static class SimulatedCluster
{
    internal static FakeRedisEnterpriseCluster UseIn(HostApplicationBuilder builder)
    {
        FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        string folder = Directory.CreateTempSubdirectory("worker-sample").FullName;
        string caPath = Path.Combine(folder, "cluster-ca.pem");
        File.WriteAllText(caPath, cluster.Certificate.ExportCertificatePem());
        string modules = Directory.CreateDirectory(Path.Combine(folder, "modules")).FullName;
        new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(256 * 1024).WriteTo(Path.Combine(modules, "rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip"));
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
