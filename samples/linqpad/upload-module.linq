<Query Kind="Statements">
  <NuGetReference>RedisEnterprise.Modules</NuGetReference>
  <Namespace>RedisEnterprise.Modules</Namespace>
</Query>

// Upload a module package with a live progress bar, then follow the cluster's action to the end.
// Add the NuGet package "RedisEnterprise.Modules", then set the values below.
string package = @"C:\modules\rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip";
using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
{
    Endpoint = new Uri("https://cluster.example.com:9443"),
    Username = "admin@example.com",
    Password = Util.GetPassword("redis-enterprise-admin"),
});

var check = await ModulePackage.ValidateFileAsync(package);
check.Dump("Package check");
check.ThrowIfInvalid();

var bar = new Util.ProgressBar("Uploading").Dump();
var status = new DumpContainer().Dump("Cluster");
ModuleInfo module = await client.UploadModuleAsync(package, new UploadModuleOptions
{
    UploadProgress = new Progress<UploadProgress>(p => bar.Percent = (int)(p.Percent ?? 0)),
    ActionProgress = new Progress<ActionInfo>(a => status.Content = new { a.Status, a.Progress, a.ErrorMessage }),
});
module.Dump("Installed");
