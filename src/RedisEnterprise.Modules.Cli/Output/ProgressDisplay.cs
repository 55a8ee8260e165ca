using Spectre.Console;

namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>Live bars on stderr while work runs, one per node an upload goes to and one for the cluster's action; on a terminal only.</summary>
internal static class ProgressDisplay
{
    private const int WholeClusterUpload = -1;

    /// <summary>A spinner with <paramref name="status"/> while <paramref name="work"/> runs, for waits whose steps the SDK does not report.</summary>
    public static async Task<T> WaitAsync<T>(CommandOutput output, string status, Func<Task<T>> work)
    {
        if (!output.ShowsProgress) return await work().ConfigureAwait(false);
        return await output.Diagnostics.Status().StartAsync(Markup.Escape(status), _ => work()).ConfigureAwait(false); // the text is markup there
    }

    public static async Task<T> RunAsync<T>(CommandOutput output, Func<ProgressSinks, Task<T>> work)
    {
        if (!output.ShowsProgress) return await work(ProgressSinks.None).ConfigureAwait(false);

        T result = default!;
        await output.Diagnostics.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var gate = new Lock();
                var uploads = new Dictionary<int, ProgressTask>();
                ProgressTask? action = null;
                var upload = new CallbackProgress<UploadProgress>(p =>
                {
                    lock (gate)
                    {
                        int key = p.NodeUid ?? WholeClusterUpload;
                        if (!uploads.TryGetValue(key, out ProgressTask? bar))
                        {
                            uploads[key] = bar = context.AddTask(key == WholeClusterUpload ? "upload" : $"upload to node {key}", maxValue: Math.Max(1, p.TotalBytes ?? 1));
                        }

                        if (p.TotalBytes is long total) bar.MaxValue = Math.Max(1, total);
                        bar.Value = p.BytesSent;
                    }
                });
                var status = new CallbackProgress<ActionInfo>(a =>
                {
                    lock (gate)
                    {
                        action ??= context.AddTask("cluster action", maxValue: 100);
                        action.Description = Markup.Escape($"action {a.RawStatus}");
                        if (a.Progress is double percent) action.Value = percent;
                        if (a.IsTerminal) action.Value = 100;
                    }
                });
                result = await work(new ProgressSinks(upload, status)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }
}
