// Native AOT smoke test of the SDK, on Redis Software 7.22 and 8.2: list, nodes and line, validate a package, upload it (7.22: follow
// the action; 8.2: the package on every node, checked node by node), get, a mapped 404, delete. Talks to a cluster given by environment
// variables (a real one, or the simulated cluster that RedisEnterprise.Modules.AotSmoke.FakeHost serves; run-aot-smoke.sh does all of it). Exits 0 when every step worked.
//   REDIS_ENTERPRISE_ENDPOINT, REDIS_ENTERPRISE_USERNAME, REDIS_ENTERPRISE_PASSWORD,
//   REDIS_ENTERPRISE_CERT_SHA256 (pin the cluster's certificate) or REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using RedisEnterprise.Modules;

RedisEnterpriseModulesClientOptions options = RedisEnterpriseModulesClientOptions.FromEnvironment()
    ?? throw new InvalidOperationException("Set REDIS_ENTERPRISE_ENDPOINT (run-aot-smoke.sh starts a simulated cluster and sets it).");
options.CertificateThumbprint = Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_CERT_SHA256");
options.PollingInterval = TimeSpan.FromMilliseconds(20);
options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
options.OperationTimeout = TimeSpan.FromSeconds(60);
using var client = new RedisEnterpriseModulesClient(options);

Console.WriteLine($"AOT smoke against {options.Endpoint} (dynamic code supported: {System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported})");

IReadOnlyList<ModuleInfo> before = await client.ListModulesAsync();
Console.WriteLine($"list: {before.Count} modules");
IReadOnlyList<NodeInfo> nodes = await client.ListNodesAsync();
ModuleManagementMode mode = await client.GetModuleManagementModeAsync();
Console.WriteLine($"nodes: {nodes.Count}, lowest version {nodes.Min(n => n.SoftwareVersion)}: {mode}");

string folder = Directory.CreateTempSubdirectory("aot-smoke-").FullName;
try
{
    string name = $"aotsmoke{DateTime.UtcNow:HHmmss}";
    string path = WritePackage(folder, name);

    ModulePackage package = await ModulePackage.OpenAsync(path);
    ModulePackageValidation validation = await package.ValidateAsync();
    validation.ThrowIfInvalid();
    Console.WriteLine($"package: {package} is valid");

    long lastReported = -1;
    ModuleOperation upload = await client.StartUploadModuleAsync(path, new UploadModuleOptions
    {
        UploadProgress = new InlineProgress<UploadProgress>(p => lastReported = p.BytesSent),
        EnableModuleUploads = true, // Redis Software 8.2 has uploads off by default
    });
    Console.WriteLine($"upload: accepted as module {upload.ModuleUid}, action {upload.ActionUid}, {lastReported:N0} bytes sent");

    ModuleInfo module = await upload.WaitForModuleAsync();
    Console.WriteLine($"poll: done, installed {module}");

    if (mode == ModuleManagementMode.ClusterUpload)
    {
        ActionInfo action = await client.GetActionAsync(upload.ActionUid);
        Console.WriteLine($"action: {action}");
    }
    else
    {
        Check(upload.ActionUid.Length == 0 && upload.HasCompleted, "an 8.x upload's operation has not completed");
        foreach (NodeInfo node in nodes)
        {
            IReadOnlyList<ModuleArtifact> artifacts = await client.ListModuleArtifactsAsync(node);
            Check(artifacts.Any(a => a.ModuleName == name && a.Version == 10203), $"node {node.Uid} lacks the package");
        }

        Console.WriteLine($"nodes: every one of {nodes.Count} holds the package");
    }

    ModuleInfo fetched = await client.GetModuleAsync(module.Uid);
    Check(fetched.ModuleName == name && fetched.SemanticVersion == "1.2.3", $"get returned {fetched}");
    Console.WriteLine($"get: {fetched}");

    try
    {
        await client.GetModuleAsync("no-such-module");
        Check(false, "a missing module was found");
    }
    catch (ModuleNotFoundException e)
    {
        Console.WriteLine($"404: {e.GetType().Name} for {e.Uid}");
    }

    await client.DeleteModuleAsync(module.Uid);
    IReadOnlyList<ModuleInfo> after = await client.ListModulesAsync();
    Check(after.All(m => m.Uid != module.Uid), "the deleted module is still listed");
    Console.WriteLine($"delete: gone, {after.Count} modules left");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine("AOT smoke passed");
return 0;

static void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException($"AOT smoke failed: {what}");
}

// A minimal valid RAMP package: module.json naming the .so and its SHA-256, and 256 KiB of .so.
static string WritePackage(string folder, string name)
{
    byte[] so = new byte[256 * 1024];
    new Random(7).NextBytes(so);
    string sha256 = Convert.ToHexStringLower(SHA256.HashData(so));
    string path = Path.Combine(folder, $"{name}.Linux-ubuntu18.04-x86_64.1.2.3.zip");
    using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
    using (var writer = new StreamWriter(zip.CreateEntry("module.json").Open(), Encoding.UTF8))
    {
        writer.Write($$"""
            {
              "module_name": "{{name}}", "display_name": "AOT smoke", "module_file": "{{name}}.so",
              "semantic_version": "1.2.3", "version": 10203, "author": "aot", "email": "aot@example.com",
              "description": "AOT smoke package", "homepage": "https://example.com", "license": "MIT",
              "architecture": "x86_64", "os": "Linux", "os_list": ["rhel9", "ubuntu18.04"], "capabilities": ["types"],
              "command_line_args": "", "min_redis_version": "6.0.0", "min_redis_pack_version": "6.0.0",
              "compatible_redis_version": "", "sha256": "{{sha256}}", "dependencies": {}, "commands": [], "ramp_format_version": 1
            }
            """);
    }

    using (Stream entry = zip.CreateEntry($"{name}.so").Open())
    {
        entry.Write(so);
    }

    return path;
}

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
