using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>install &lt;package.zip&gt;</c>: the SDK's version-aware upload (one request on 7.x, every node on 8.x), with progress.</summary>
internal static class InstallCommand
{
    public static Command Create(CommandRunner runner)
    {
        var package = new Argument<string>("package") { Description = "The module package (a RAMP zip)." };
        var options = new UploadFlags();
        var command = new Command("install", "Install a module package: checked against the cluster, streamed, and followed until the cluster has it.") { package };
        options.AddTo(command);
        runner.SetClusterAction(command, async (context, client) =>
        {
            string path = context.Value(package);
            ModuleOperation? started = null;
            try
            {
                ModuleInfo module = await ProgressDisplay.RunAsync(context.Output, async sinks =>
                {
                    started = await client.StartUploadModuleAsync(path, options.Read(context, sinks), context.Cancellation).ConfigureAwait(false);
                    return await started.WaitForModuleAsync(context.Cancellation).ConfigureAwait(false);
                }).ConfigureAwait(false);
                context.Output.Result(new Document(ModuleView.From(module)), CliJsonContext.Output.InstallDocument, d => Tables.Module(d.Module));
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                context.Output.Error(started is { ActionUid.Length: > 0 }
                    ? $"cancelled while waiting: the cluster took the package and goes on with action {started.ActionUid}; follow it with 'redis-modules action {started.ActionUid} --wait'."
                    : "cancelled before the cluster had the module: on Redis Software 8 the SDK deletes what it had sent to the nodes; 'redis-modules list' shows what the cluster has.");
                throw;
            }
        });
        return command;
    }

    /// <summary><c>{ "module": { … } }</c>: the module as the cluster has it.</summary>
    internal sealed record Document(ModuleView Module);
}
