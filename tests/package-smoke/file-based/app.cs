// A .NET 10 file-based app (dotnet run app.cs): native AOT is its default, so reflection-based JSON is off and the trim
// and AOT analyzers run. run.sh puts the package version in and a nuget.config beside it, runs it, and then checks that
// the folder of the temporary package is gone once the process has exited.
#:package RedisEnterprise.Modules.Testing@SMOKE_VERSION
using System.IO.Compression;
using System.Text.Json;
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

var builder = new ModulePackageBuilder("filebased", "1.2.3").WithDependency("lib", new Uri("https://example.com/lib.tgz"), new string('a', 64));
using (JsonDocument manifest = JsonDocument.Parse(builder.BuildModuleJson()))
{
    if (manifest.RootElement.GetProperty("version").GetInt64() != 10203) throw new InvalidOperationException("module.json has the wrong version");
}

using (var zip = new ZipArchive(new MemoryStream(builder.Build())))
{
    if (zip.GetEntry("module.json") is null || zip.GetEntry(builder.ModuleFile) is null) throw new InvalidOperationException("the package lacks an entry");
}

string path = builder.WriteToTempFile();
await using (FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 1 }))
using (RedisEnterpriseModulesClient client = cluster.CreateClient())
{
    ModuleInfo module = await client.UploadModuleAsync(path);
    Console.WriteLine($"uploaded {module} to the simulated cluster; it lists {(await client.ListModulesAsync()).Count} modules");
}

Console.WriteLine($"TEMP_PACKAGE_DIRECTORY={Path.GetDirectoryName(path)}");
