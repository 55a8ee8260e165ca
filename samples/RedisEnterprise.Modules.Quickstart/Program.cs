// The whole life of a module: list, upload with progress, follow the action, get, a handled error, delete.
// With no settings it runs against an in-process simulated cluster; set REDIS_ENTERPRISE_ENDPOINT,
// REDIS_ENTERPRISE_USERNAME, REDIS_ENTERPRISE_PASSWORD (and optionally REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true)
// to use a real one, and pass a module zip path as the first argument.
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

string? endpoint = Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_ENDPOINT");
FakeRedisEnterpriseCluster? fake = null;
string? tempPackage = null;
RedisEnterpriseModulesClient client;
if (string.IsNullOrEmpty(endpoint))
{
    fake = FakeRedisEnterpriseCluster.Start();
    client = fake.CreateClient();
    Console.WriteLine($"No REDIS_ENTERPRISE_ENDPOINT set: using a simulated cluster at {fake.Endpoint}");
}
else
{
    client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
    {
        Endpoint = new Uri(endpoint),
        Username = Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_USERNAME"),
        Password = Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_PASSWORD"),
        SkipCertificateValidation = string.Equals(Environment.GetEnvironmentVariable("REDIS_ENTERPRISE_SKIP_TLS_VERIFY"), "true", StringComparison.OrdinalIgnoreCase),
    });
    Console.WriteLine($"Using the cluster at {endpoint}");
}

try
{
    Console.WriteLine("\nModules on the cluster:");
    foreach (ModuleInfo m in await client.ListModulesAsync()) Console.WriteLine($"  {m.ModuleName,-12} {m.SemanticVersion,-10} {m.Uid}");

    string package = args.Length > 0 ? args[0] : tempPackage = new ModulePackageBuilder("quickstart", "1.0.0").WithPayloadSize(2 * 1024 * 1024).WriteToTempFile();
    Console.WriteLine($"\nUploading {Path.GetFileName(package)}");
    ModuleOperation upload = await client.StartUploadModuleAsync(package, new UploadModuleOptions
    {
        UploadProgress = new ConsoleProgress<UploadProgress>(p => Console.WriteLine($"  sent {p.BytesSent:N0} of {p.TotalBytes:N0} bytes")),
    });
    Console.WriteLine($"  accepted: module {upload.ModuleUid}, action {upload.ActionUid}");
    ActionInfo done = await upload.WaitForCompletionAsync();
    Console.WriteLine($"  the cluster says: {done}");
    ModuleInfo module = await client.GetModuleAsync(upload.ModuleUid);
    Console.WriteLine($"  installed: {module}");

    Console.WriteLine("\nUploading the same module again:");
    try
    {
        await client.UploadModuleAsync(package);
    }
    catch (ModuleAlreadyExistsException e)
    {
        Console.WriteLine($"  handled {nameof(ModuleAlreadyExistsException)} ({e.ErrorCode}): the cluster already has it.");
    }

    Console.WriteLine($"\nDeleting {module.Uid}");
    await client.DeleteModuleAsync(module.Uid);
    bool gone = !(await client.ListModulesAsync()).Any(m => m.Uid == module.Uid);
    Console.WriteLine(gone ? "  deleted." : "  still listed!");
    return gone ? 0 : 1;
}
catch (RedisEnterpriseException e)
{
    Console.Error.WriteLine($"Failed: {e.Message}");
    return 1;
}
finally
{
    client.Dispose();
    if (fake is not null) await fake.DisposeAsync();
    if (tempPackage is not null) Directory.Delete(Path.GetDirectoryName(tempPackage)!, recursive: true);
}

internal sealed class ConsoleProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
