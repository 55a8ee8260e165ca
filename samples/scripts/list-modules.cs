// List the modules of a cluster as a table: dotnet run list-modules.cs
// Set REDIS_ENTERPRISE_ENDPOINT, REDIS_ENTERPRISE_USERNAME and REDIS_ENTERPRISE_PASSWORD (REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true
// for a test cluster's self-signed certificate); without an endpoint it lists the modules of an in-process simulated cluster.
#:package RedisEnterprise.Modules@0.1.0
#:package RedisEnterprise.Modules.Testing@0.1.0
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

RedisEnterpriseModulesClientOptions? cluster = RedisEnterpriseModulesClientOptions.FromEnvironment();
await using FakeRedisEnterpriseCluster? simulated = cluster is null ? FakeRedisEnterpriseCluster.Start() : null;
using var client = new RedisEnterpriseModulesClient(cluster ?? simulated!.CreateClientOptions());
Console.WriteLine(simulated is null ? $"Modules of {cluster!.Endpoint}" : $"Modules of the simulated cluster at {simulated.Endpoint}");

string[] header = ["module", "semantic version", "version", "bundled", "min Redis Software", "uid"];
List<string[]> rows = [.. (await client.ListModulesAsync())
    .OrderBy(m => m.ModuleName).ThenBy(m => m.Version)
    .Select(m => new[] { m.ModuleName ?? "", m.SemanticVersion ?? "", m.Version?.ToString() ?? "", m.IsBundled == true ? "yes" : "", m.MinRedisPackVersion ?? "", m.Uid })];
int[] widths = [.. header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
foreach (string[] row in rows.Prepend(header)) Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
Console.WriteLine($"{rows.Count} modules");
