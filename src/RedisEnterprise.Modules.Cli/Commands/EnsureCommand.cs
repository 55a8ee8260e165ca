using System.CommandLine;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Cli.Connection;
using RedisEnterprise.Modules.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>
/// <c>ensure &lt;package.zip | folder&gt; [--clusters file] [--parallel N]</c>: installs what is missing, repairs nodes that lack
/// a package, and does nothing when all is there; on every cluster of a clusters file at once (an Active-Active database
/// needs the module on each participating cluster).
/// </summary>
internal static class EnsureCommand
{
    public static Command Create(CommandRunner runner)
    {
        var source = new Argument<string>("package") { Description = "A module package, or a folder whose *.zip packages are each made sure of." };
        var clusters = new Option<string?>("--clusters") { Description = "A JSON file of named clusters ({ \"Clusters\": { \"eu\": { \"Endpoint\": … } } }); each is a RedisEnterprise section, the global connection filling what it leaves out." };
        var parallel = new Option<int>("--parallel") { Description = "With --clusters: how many clusters at a time (default 4).", DefaultValueFactory = _ => 4 };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--parallel must be 1 or more.");
        });
        var flags = new UploadFlags();
        var command = new Command("ensure", "Make sure a module version is installed (and on every node): uploads only what is missing.") { source, clusters, parallel };
        flags.AddTo(command);
        runner.SetAction(command, async context =>
        {
            string[] packages = Packages(context.Value(source));
            if (context.Value(clusters) is not { } clustersFile)
            {
                if (context.Parse.GetResult(parallel) is { Implicit: false }) throw new UsageException("--parallel says how many clusters of --clusters at a time; give --clusters too.");
                await using ClusterSession session = await context.Connector.ConnectAsync(target: null, context.Cancellation).ConfigureAwait(false);
                IReadOnlyList<EnsureView> results = await ProgressDisplay.RunAsync(context.Output, sinks => EnsureAllAsync(session.Client, packages, flags.Read(context, sinks), context.Cancellation)).ConfigureAwait(false);
                context.Output.Result(new Document(results), CliJsonContext.Output.EnsureDocument, d => Tables.Ensured(d.Results));
                return ExitCodes.Success;
            }

            IReadOnlyList<ClusterTarget> targets = ClusterConnector.ReadClusters(clustersFile);
            var rows = new ClusterResult[targets.Count];
            UploadModuleOptions upload = flags.Read(context, ProgressSinks.None); // bars of many clusters at once would not read
            await ProgressDisplay.WaitAsync(context.Output, $"ensuring {packages.Length} package(s) on {targets.Count} clusters, {context.Value(parallel)} at a time", async () =>
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, targets.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = context.Value(parallel), CancellationToken = context.Cancellation },
                    async (index, cancellationToken) => rows[index] = await EnsureOnClusterAsync(context, targets[index], packages, upload, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);

            context.Output.Result(new ClustersDocument(rows), CliJsonContext.Output.EnsureClustersDocument, RenderClusters);
            return rows.Where(r => r.Error is not null).Select(r => r.Error!.ExitCode).DefaultIfEmpty(ExitCodes.Success).Max();
        });
        return command;
    }

    private static async Task<ClusterResult> EnsureOnClusterAsync(CommandContext context, ClusterTarget target, IReadOnlyList<string> packages, UploadModuleOptions upload, CancellationToken cancellationToken)
    {
        try
        {
            await using ClusterSession session = await context.Connector.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<EnsureView> results = await EnsureAllAsync(session.Client, packages, upload, cancellationToken).ConfigureAwait(false);
            return new ClusterResult(target.Name, target.Endpoint, results, Error: null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ClusterResult(target.Name, target.Endpoint, [], CommandFailure.Describe(e, CommandRunner.MessageOf(e, context.Secrets)));
        }
    }

    private static async Task<IReadOnlyList<EnsureView>> EnsureAllAsync(IRedisEnterpriseModulesClient client, IReadOnlyList<string> packages, UploadModuleOptions upload, CancellationToken cancellationToken)
    {
        var results = new List<EnsureView>(packages.Count);
        foreach (string package in packages)
        {
            EnsureModuleResult result = await client.EnsureModuleInstalledAsync(package, upload, cancellationToken).ConfigureAwait(false);
            results.Add(EnsureView.From(Path.GetFileName(package), result));
        }

        return results;
    }

    /// <summary>The package itself, or a folder's packages in name order.</summary>
    private static string[] Packages(string source)
    {
        if (!Directory.Exists(source)) return [source]; // a missing file is the SDK's FileNotFoundException
        string[] packages = Directory.GetFiles(source, "*.zip", SearchOption.TopDirectoryOnly);
        Array.Sort(packages, StringComparer.Ordinal);
        return packages.Length > 0 ? packages : throw new UsageException($"The folder {source} has no *.zip package.");
    }

    private static IRenderable RenderClusters(ClustersDocument document)
    {
        Table table = Tables.New("cluster", "endpoint", "outcome");
        foreach (ClusterResult row in document.Clusters)
        {
            string outcome = row.Error is { } error
                ? $"failed: {error.Message}"
                : string.Join("; ", row.Results.Select(r => $"{r.Module.ModuleName} {r.Module.SemanticVersion} {Tables.Outcome(r)}"));
            Tables.Row(table, row.Cluster, row.Endpoint, outcome);
        }

        return table;
    }

    /// <summary><c>{ "results": [ { "package", "uploaded", "repaired_nodes", "module" } ] }</c>, for one cluster.</summary>
    internal sealed record Document(IReadOnlyList<EnsureView> Results);

    /// <summary><c>{ "clusters": [ { "cluster", "endpoint", "succeeded", "results", "error" } ] }</c>, with <c>--clusters</c>, in the file's order.</summary>
    internal sealed record ClustersDocument(IReadOnlyList<ClusterResult> Clusters);

    /// <summary>One cluster's row: its results, or the error that stopped it.</summary>
    internal sealed record ClusterResult(string Cluster, string? Endpoint, [property: JsonPropertyOrder(1)] IReadOnlyList<EnsureView> Results, [property: JsonPropertyOrder(2)] ErrorView? Error)
    {
        /// <summary>Whether the cluster has every package: no error stopped it.</summary>
        public bool Succeeded => Error is null;
    }
}
