namespace RedisEnterprise.Modules.Benchmarks.Infrastructure;

/// <summary>The loopback cluster serving the documented samples, and the credentials and options both clients use against it.</summary>
internal static class BenchmarkCluster
{
    internal const string Username = "admin@example.com";
    internal const string Password = "bench-password";

    /// <summary>Uploads without the package check and the compatibility check, so the benchmarks time the transfer alone.</summary>
    internal static UploadModuleOptions NoValidation { get; } = new() { Validate = false, CheckCompatibility = false };

    /// <summary>Starts a <see cref="LoopbackCluster"/> answering with <see cref="Payloads"/> (a list of 16 modules).</summary>
    internal static LoopbackCluster Start()
    {
        LoopbackCluster cluster = LoopbackCluster.Start();
        cluster.Serve(LoopbackCluster.Route.List, Payloads.List(16));
        cluster.Serve(LoopbackCluster.Route.Module, Payloads.Module);
        cluster.Serve(LoopbackCluster.Route.Action, Payloads.Action);
        cluster.Serve(LoopbackCluster.Route.Upload, Payloads.UploadAccepted);
        cluster.Serve(LoopbackCluster.Route.Nodes, Payloads.Nodes);
        cluster.Serve(LoopbackCluster.Route.Cluster, Payloads.Cluster);
        cluster.Serve(LoopbackCluster.Route.Artifacts, Payloads.Artifacts);
        cluster.Serve(LoopbackCluster.Route.Databases, Payloads.Databases);
        cluster.Serve(LoopbackCluster.Route.Database, Payloads.Database);
        return cluster;
    }

    /// <summary>The SDK's options for a cluster at <paramref name="endpoint"/> (plain http on loopback), with the benchmark credentials.</summary>
    internal static RedisEnterpriseModulesClientOptions ClientOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        AllowInsecureHttp = true,
        Username = Username,
        Password = Password,
        ModuleManagement = ModuleManagementMode.ClusterUpload, // the 7.x upload the benchmarks time, without a detection request
    };
}
