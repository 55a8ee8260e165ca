// Hosts the shared loopback upload sink (tests/Shared/LoopbackCluster.cs) over HTTPS for tests/perf/compare-upload.sh.
// Usage: UploadSink <cert.pem> <key.pem>   (prints "listening on https://127.0.0.1:PORT", then one line per upload)
using System.Security.Cryptography.X509Certificates;
using RedisEnterprise.Modules.TestSupport;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: UploadSink <cert.pem> <key.pem>");
    return 2;
}

using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(args[0], args[1]);
using LoopbackCluster sink = LoopbackCluster.Start(certificate);
sink.OnUpload = upload => Console.WriteLine(
    $"POST {upload.Target}: {upload.BodyBytes:N0} body bytes, module part: {(upload.HasModulePart ? "yes" : "NO")}, expect: {(upload.ExpectedContinue ? "100-continue" : string.Empty)}");
Console.WriteLine($"listening on {sink.Endpoint.GetLeftPart(UriPartial.Authority)}");
await Task.Delay(Timeout.Infinite);
return 0;
