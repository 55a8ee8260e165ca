// Uploads one module file with the SDK, as tests/perf/compare-upload.sh measures it beside curl and Python requests:
// POST /v1/modules (UploadModuleV1Async, as the reference page's examples), certificate not checked (curl -k).
// Usage: UploadCli <endpoint> <username> <password> <file> [--idle]
// --idle does everything but the upload (client made, file opened), for the process's resting memory.
using System.Diagnostics;
using RedisEnterprise.Modules;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: UploadCli <endpoint> <username> <password> <file> [--idle]");
    return 2;
}

using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
{
    Endpoint = new Uri(args[0]),
    Username = args[1],
    Password = args[2],
    SkipCertificateValidation = true,
    ModuleManagement = ModuleManagementMode.ClusterUpload, // the one-request upload the comparison times
});

string file = args[3];
if (args.Contains("--idle"))
{
    await using FileStream opened = File.OpenRead(file);
    Console.WriteLine($"idle: {opened.Length:N0} bytes not sent");
    return 0;
}

var stopwatch = Stopwatch.StartNew();
ModuleInfo module = await client.UploadModuleV1Async(file, new UploadModuleOptions { Validate = false });
stopwatch.Stop();
long size = new FileInfo(file).Length;
Console.WriteLine($"uploaded {size:N0} bytes as module {module.Uid} in {stopwatch.Elapsed.TotalSeconds:F2} s ({size / stopwatch.Elapsed.TotalSeconds / 1e6:F0} MB/s)");
return 0;
