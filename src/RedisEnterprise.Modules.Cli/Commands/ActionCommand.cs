using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary><c>action &lt;action_uid&gt; [--wait]</c>: an action's status, or its end.</summary>
internal static class ActionCommand
{
    public static Command Create(CommandRunner runner)
    {
        var actionUid = new Argument<string>("action_uid") { Description = "The action's uid, as an upload or an upgrade printed it." };
        var wait = new Option<bool>("--wait") { Description = "Poll until the action ends (backing off as the SDK does); a failed action exits with 1." };
        var command = new Command("action", "Show an action of the cluster, or wait for it to end.") { actionUid, wait };
        runner.SetClusterAction(command, async (context, client) =>
        {
            string uid = context.Value(actionUid);
            ActionInfo action = context.Value(wait)
                ? await ProgressDisplay.WaitAsync(context.Output, $"waiting for action {uid}", () => new ActionOperation(client, uid).WaitForCompletionAsync(context.Cancellation)).ConfigureAwait(false)
                : await client.GetActionAsync(uid, context.Cancellation).ConfigureAwait(false);
            context.Output.Result(new Document(ActionView.From(action)), CliJsonContext.Output.ActionDocument, d => Tables.Action(d.Action));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>{ "action": { … } }</c>.</summary>
    internal sealed record Document(ActionView Action);
}
