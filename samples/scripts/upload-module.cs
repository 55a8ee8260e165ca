// Upload a module package with a live progress bar, then follow the cluster's work to the end:
//   dotnet run upload-module.cs -- rejson.Linux-rhel9-x86_64.2.8.4.zip
// Set REDIS_ENTERPRISE_ENDPOINT, REDIS_ENTERPRISE_USERNAME and REDIS_ENTERPRISE_PASSWORD for a real cluster; without an endpoint it
// uploads to an in-process simulated cluster (Redis Software 8.2, 3 nodes), and without a package it builds one to upload.
#:package RedisEnterprise.Modules@0.1.0
#:package RedisEnterprise.Modules.Testing@0.1.0
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

RedisEnterpriseModulesClientOptions? cluster = RedisEnterpriseModulesClientOptions.FromEnvironment();
await using FakeRedisEnterpriseCluster? simulated = cluster is null ? FakeRedisEnterpriseCluster.Start() : null;
using var client = new RedisEnterpriseModulesClient(cluster ?? simulated!.CreateClientOptions());
if (args.Length == 0 && simulated is null)
{
    Console.Error.WriteLine("Name the module package to upload: dotnet run upload-module.cs -- module.zip");
    return 2;
}

string package = args.Length > 0 ? args[0] : new ModulePackageBuilder("scripted", "1.0.0").WithPayloadSize(4 * 1024 * 1024).WriteToTempFile();
var bars = new SortedDictionary<int, double>(); // one bar per node on Redis Software 8 (key 0: the cluster, on 7.x)
bool live = !Console.IsOutputRedirected;
// The upload checks the package itself: its structure before the first byte, its data as it is sent.
ModuleInfo module;
try
{
    module = await client.UploadModuleAsync(package, new UploadModuleOptions
    {
        EnableModuleUploads = true, // Redis Software 8.2+: switch allow_modules_upload on for this upload only
        UploadProgress = new ImmediateProgress<UploadProgress>(p =>
        {
            lock (bars)
            {
                bars[p.NodeUid ?? 0] = p.Percent ?? 0;
                string line = string.Join("  ", bars.Select(b => $"{(b.Key == 0 ? "cluster" : $"node {b.Key}")} [{new string('#', (int)(b.Value / 5)),-20}] {b.Value,3:0}%"));
                if (live) Console.Write($"\r{line}");
                else if (p.BytesSent == p.TotalBytes) Console.WriteLine(line);
            }
        }),
        ActionProgress = new ImmediateProgress<ActionInfo>(a => Console.WriteLine($"{(live ? "\n" : "")}the cluster: {a.RawStatus} {a.Progress:0}%")),
    });
}
catch (ModulePackageValidationException bad)
{
    Console.Error.WriteLine($"{(live ? "\n" : "")}The package is not valid, nothing was installed: {string.Join("; ", bad.Validation.Problems)}");
    return 1;
}
Console.WriteLine($"{(live ? "\n" : "")}Installed {module.ModuleName} {module.SemanticVersion} as {module.Uid}");
return 0;

/// <summary>Reports at once, in order (Progress&lt;T&gt; would post each report to the thread pool, to be printed late).</summary>
sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
