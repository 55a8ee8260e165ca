// Uploads one module file with the SDK, as tests/perf/compare-upload.sh measures it beside curl and Python requests:
// POST /v1/modules (UploadModuleV1Async, as the reference page's examples), certificate not checked (curl -k).
// Usage: UploadCli <endpoint> <username> <password> <file> [--idle | --validate | --raw]
// --idle does everything but the upload (client made, file opened), for the process's resting memory.
// --validate takes the SDK's default path, the package checked as it is sent (the compatibility check off: the sink is no
// cluster); without it, Validate = false.
// --raw <cert.pem> uploads with a hand-written HttpClient + StreamContent instead of the SDK, the baseline of the validated
// rows, trusting the sink's certificate (the PEM file) only.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
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
string uid;
if (args.Contains("--raw"))
{
    using X509Certificate2 sink = X509Certificate2.CreateFromPem(File.ReadAllText(args[Array.IndexOf(args, "--raw") + 1]));
    string thumbprint = sink.GetCertHashString(HashAlgorithmName.SHA256);
    using var http = new HttpClient(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint },
    });
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{args[1]}:{args[2]}")));
    await using FileStream opened = File.OpenRead(file);
    using var form = new MultipartFormDataContent();
    var part = new StreamContent(opened);
    part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
    form.Add(part, "module", Path.GetFileName(file));
    using HttpResponseMessage response = await http.PostAsync(new Uri(new Uri(args[0]), "/v1/modules"), form);
    response.EnsureSuccessStatusCode();
    uid = "(raw)";
}
else
{
    // --validate: the default options but the compatibility check, whose reads of the cluster the sink does not answer.
    ModuleInfo module = await client.UploadModuleV1Async(file, args.Contains("--validate") ? new UploadModuleOptions { CheckCompatibility = false } : new UploadModuleOptions { Validate = false, CheckCompatibility = false });
    uid = module.Uid!;
}

stopwatch.Stop();
long size = new FileInfo(file).Length;
Console.WriteLine($"uploaded {size:N0} bytes as module {uid} in {stopwatch.Elapsed.TotalSeconds:F2} s ({size / stopwatch.Elapsed.TotalSeconds / 1e6:F0} MB/s)");
return 0;
