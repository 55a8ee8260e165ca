namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>
/// Reports on the caller's thread, in order: <see cref="Progress{T}"/> posts each report to the thread pool, so a bar could
/// be drawn after the call that fed it has returned.
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
