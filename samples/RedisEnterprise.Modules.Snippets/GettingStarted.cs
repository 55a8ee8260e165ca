
namespace RedisEnterprise.Modules.Snippets;

/// <summary>The first lines a user writes: a client for a real cluster.</summary>
public static class GettingStarted
{
    public static async Task TenLinesAsync()
    {
        #region ten-lines
        using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
        {
            Endpoint = new Uri("https://cluster.example.com:9443"),
            Username = "admin@example.com",
            Password = Environment.GetEnvironmentVariable("RE_PASSWORD"),
            TrustedCertificatesPath = "cluster-ca.pem", // the cluster's CA; or pin its certificate: CertificateThumbprint
        });
        ModuleInfo module = await client.UploadModuleAsync("rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip",
            new UploadModuleOptions { UploadProgress = new Progress<UploadProgress>(p => Console.Write($"\r{p.Percent:0}% sent")) });
        Console.WriteLine($"\ninstalled {module.ModuleName} {module.SemanticVersion} as {module.Uid}");
        foreach (ModuleInfo m in await client.ListModulesAsync())
            Console.WriteLine($"{m.ModuleName} {m.SemanticVersion} {m.Uid}");
        #endregion
    }
}
