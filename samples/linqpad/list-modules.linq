<Query Kind="Statements">
  <NuGetReference>RedisEnterprise.Modules</NuGetReference>
  <Namespace>RedisEnterprise.Modules</Namespace>
</Query>

// List the modules of a cluster as a table.
// Add the NuGet package "RedisEnterprise.Modules" (F4 → Add NuGet), then set the three values below.
using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
{
    Endpoint = new Uri("https://cluster.example.com:9443"),
    Username = "admin@example.com",
    Password = Util.GetPassword("redis-enterprise-admin"),   // kept in LINQPad's password manager
    // CertificateThumbprint = "AB:CD:…",                    // pin the cluster's certificate, or:
    // SkipCertificateValidation = true,                     // test clusters only
});

(await client.ListModulesAsync())
    .OrderBy(m => m.ModuleName).ThenBy(m => m.Version)
    .Select(m => new { m.ModuleName, m.SemanticVersion, m.Version, m.IsBundled, m.MinRedisPackVersion, m.Uid })
    .Dump("Modules");
