// A loopback HTTPS sink for tests/perf/compare-upload.sh: accepts POST /v1/modules and /v2/modules, reads the multipart
// body and throws it away, checks that it carries a part named "module", and answers like the cluster does.
// Usage: UploadSink <cert.pem> <key.pem>   (prints "listening on https://127.0.0.1:PORT", then one line per upload)
using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: UploadSink <cert.pem> <key.pem>");
    return 2;
}

using X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(args[0], args[1]);
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = null; // modules can be large; this sink keeps none of it
    kestrel.Listen(IPAddress.Loopback, 0, listen =>
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.UseHttps(certificate);
    });
});

WebApplication app = builder.Build();
const string Accepted = """{"uid":"98f255d5d33704c8e4e97897fd92e32d","action_uid":"dfc0152c-8449-4b1c-9184-480ea7cb526c","module_name":"bench","semantic_version":"1.0.0","version":10000}""";

async Task DiscardAsync(HttpContext context)
{
    if (!context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
    {
        context.Response.StatusCode = 401;
        return;
    }

    // The part's headers come first: look for name="module" in the opening bytes, then drain the rest.
    long total = 0;
    string opening = string.Empty;
    while (true)
    {
        System.IO.Pipelines.ReadResult read = await context.Request.BodyReader.ReadAsync(context.RequestAborted);
        if (opening.Length < 1024 && !read.Buffer.IsEmpty)
        {
            opening += Encoding.Latin1.GetString(read.Buffer.Slice(0, Math.Min(read.Buffer.Length, 1024)).ToArray());
        }

        total += read.Buffer.Length;
        context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted) break;
    }

    bool hasModule = opening.Contains("name=\"module\"", StringComparison.Ordinal) || opening.Contains("name=module", StringComparison.Ordinal);
    Console.WriteLine($"{context.Request.Method} {context.Request.Path}: {total:N0} body bytes, module part: {(hasModule ? "yes" : "NO")}, expect: {context.Request.Headers.Expect}");
    context.Response.StatusCode = hasModule ? 200 : 400;
    context.Response.ContentType = "application/json";
    await context.Response.WriteAsync(hasModule ? Accepted : """{"error_code":"no_module","message":"Module file is missing"}""");
}

app.MapPost("/v1/modules", DiscardAsync);
app.MapPost("/v2/modules", DiscardAsync);
await app.StartAsync();
Console.WriteLine($"listening on {app.Urls.First()}");
await app.WaitForShutdownAsync();
return 0;
