<Query Kind="Statements">
  <NuGetReference>RedisEnterprise.Modules</NuGetReference>
  <Namespace>RedisEnterprise.Modules</Namespace>
</Query>

// Follow an action by its uid (for example one a script started earlier) until it ends.
// Add the NuGet package "RedisEnterprise.Modules", then set the values below.
string actionUid = "dfc0152c-8449-4b1c-9184-480ea7cb526c";
using var client = new RedisEnterpriseModulesClient(new RedisEnterpriseModulesClientOptions
{
    Endpoint = new Uri("https://cluster.example.com:9443"),
    Username = "admin@example.com",
    Password = Util.GetPassword("redis-enterprise-admin"),
});

var operation = new ActionOperation(client, actionUid);
var live = new DumpContainer().Dump(actionUid);
while (!operation.HasCompleted)
{
    ActionInfo status = await operation.UpdateStatusAsync();
    live.Content = new { status.Status, status.Progress, status.Name, status.ErrorCode, status.ErrorMessage };
    if (!operation.HasCompleted) await Task.Delay(TimeSpan.FromSeconds(2));
}
operation.LastStatus.Dump("Final status");
