namespace RedisEnterprise.Modules.Packages;

/// <summary>
/// One ensure of a package at a time in this process, per cluster and package version. A gate lives only while a caller
/// holds or waits on it, so the set of gates does not grow with every package ever ensured.
/// </summary>
internal sealed class PackageGate : IDisposable
{
    private static readonly Dictionary<string, PackageGate> Gates = new(StringComparer.Ordinal); // also the lock for _users

    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly string _key;
    private int _users;

    private PackageGate(string key) => _key = key;

    /// <summary>The keys of the gates now held or waited on.</summary>
    internal static IReadOnlyList<string> Keys
    {
        get
        {
            lock (Gates) return [.. Gates.Keys];
        }
    }

    /// <summary>Waits for the gate of <paramref name="key"/>; the caller calls <see cref="Release"/> once when done.</summary>
    internal static async Task<PackageGate> EnterAsync(string key, CancellationToken cancellationToken)
    {
        PackageGate gate;
        lock (Gates)
        {
            if (!Gates.TryGetValue(key, out gate!)) Gates.Add(key, gate = new PackageGate(key));
            gate._users++;
        }

        try
        {
            await gate._semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            return gate;
        }
        catch
        {
            gate.Leave();
            throw;
        }
    }

    internal void Release()
    {
        _semaphore.Release();
        Leave();
    }

    private void Leave()
    {
        lock (Gates)
        {
            if (--_users > 0) return;
            Gates.Remove(_key);
        }

        Dispose();
    }

    /// <summary>Frees the semaphore once the last user has left (no one can reach the gate then).</summary>
    public void Dispose() => _semaphore.Dispose();
}
