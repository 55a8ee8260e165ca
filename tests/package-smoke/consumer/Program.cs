using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

await using var cluster = FakeRedisEnterpriseCluster.Start();
using RedisEnterpriseModulesClient client = cluster.CreateClient();
IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync();
foreach (ModuleInfo module in modules) Console.WriteLine($"  {module}");
Console.WriteLine($"The packages work: {modules.Count} modules listed.");
return modules.Count > 0 ? 0 : 1;
