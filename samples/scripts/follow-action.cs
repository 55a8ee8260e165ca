// Follow an action by its uid (one a script or `redis-modules install` started earlier) until it ends:
//   dotnet run follow-action.cs -- dfc0152c-8449-4b1c-9184-480ea7cb526c
// Set REDIS_ENTERPRISE_ENDPOINT, REDIS_ENTERPRISE_USERNAME and REDIS_ENTERPRISE_PASSWORD for a real cluster; without an endpoint it
// starts an upload on an in-process simulated Redis Software 7.22 cluster (where uploads are actions) and follows that.
#:package RedisEnterprise.Modules@0.1.0
#:package RedisEnterprise.Modules.Testing@0.1.0
using RedisEnterprise.Modules;
using RedisEnterprise.Modules.Testing;

RedisEnterpriseModulesClientOptions? cluster = RedisEnterpriseModulesClientOptions.FromEnvironment();
await using FakeRedisEnterpriseCluster? simulated = cluster is null ? FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = "7.22.2-170", PollsToComplete = 4 }) : null;
using var client = new RedisEnterpriseModulesClient(cluster ?? simulated!.CreateClientOptions());

string? actionUid = args.FirstOrDefault();
if (actionUid is null && simulated is not null)
{
    ModuleOperation upload = await client.StartUploadModuleAsync(new ModulePackageBuilder("followed", "1.0.0").WriteToTempFile());
    actionUid = upload.ActionUid;
    Console.WriteLine($"Started an upload on the simulated cluster: action {actionUid}");
}

if (actionUid is null)
{
    Console.Error.WriteLine("Name the action to follow: dotnet run follow-action.cs -- <action_uid>");
    return 2;
}

// Follows for the client's OperationTimeout at most (30 minutes by default), or until Ctrl+C; the action goes on in the cluster.
using var stop = new CancellationTokenSource(client.Polling.OperationTimeout);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var operation = new ActionOperation(client, actionUid);
try
{
    while (!operation.HasCompleted)
    {
        ActionInfo status = await operation.UpdateStatusAsync(stop.Token);
        Console.WriteLine($"{DateTime.Now:HH:mm:ss} {status.RawStatus} {status.Progress:0}% {status.Name} {status.ErrorCode} {status.ErrorMessage}".TrimEnd());
        if (!operation.HasCompleted) await Task.Delay(simulated is null ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(50), stop.Token);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine($"Stopped following action {actionUid}; it goes on in the cluster.");
    return 130;
}

Console.WriteLine($"Final status: {operation.LastStatus}");
return operation.LastStatus!.Status == ActionStatus.Completed ? 0 : 1;
