namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Reports on the calling thread, so assertions see every report (<see cref="Progress{T}"/> posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
