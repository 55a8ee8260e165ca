namespace RedisEnterprise.Modules.Testing;

/// <summary>How a <see cref="FakeRedisEnterpriseCluster"/> behaves. Every setting has a default that acts like a healthy cluster.</summary>
public sealed class FakeClusterOptions
{
    /// <summary>The admin user (default <c>admin@fake-cluster.local</c>): may read, upload and delete.</summary>
    public string Username { get; set; } = "admin@fake-cluster.local";

    /// <summary>The admin user's password (default <c>fake-admin-password</c>).</summary>
    public string Password { get; set; } = "fake-admin-password";

    /// <summary>
    /// An optional user without the <c>update_cluster</c> permission (like the <c>cluster_viewer</c> role):
    /// it may read modules and actions, and gets <c>403 Forbidden</c> on every POST and DELETE.
    /// </summary>
    public string? ReadOnlyUsername { get; set; }

    /// <summary>The read-only user's password; required when <see cref="ReadOnlyUsername"/> is set.</summary>
    public string? ReadOnlyPassword { get; set; }

    /// <summary>
    /// How many polls of an action (<c>GET /v1|v2/actions/{uid}</c>) it takes to end (default 3): the first poll sees
    /// <c>queued</c>, later ones <c>running</c>, and poll number <see cref="PollsToComplete"/> sees <c>completed</c>
    /// (or <c>failed</c>). 1 ends the action on its first poll.
    /// </summary>
    public int PollsToComplete { get; set; } = 3;

    /// <summary>
    /// Act like Redis Software 8, which removed module management from these routes: every POST and DELETE on
    /// <c>/v1/modules</c> and <c>/v2/modules</c> answers <c>405 Method Not Allowed</c>; reads still work.
    /// </summary>
    public bool RedisSoftware8Mode { get; set; }

    /// <summary>How many of the first requests answer <c>503 Service Unavailable</c> (a transient failure); default 0.</summary>
    public int FlakyRequests { get; set; }

    /// <summary>How long the cluster waits before answering each request (default none).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Whether the cluster starts with the bundled modules bf, search, ReJSON and timeseries (default <see langword="true"/>).</summary>
    public bool SeedBundledModules { get; set; } = true;

    /// <summary>
    /// The status code of a successful <c>POST /v2/modules</c> (default 200, as documented). Set 202 to check that a client
    /// accepts any 2xx, as at least one client in the field expected.
    /// </summary>
    public int UploadSuccessStatusCode { get; set; } = 200;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first wrong setting.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Username) || Username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{nameof(Username)} is required and must not contain ':'.");
        }

        if (string.IsNullOrEmpty(Password)) throw new ArgumentException($"{nameof(Password)} is required.");
        if (ReadOnlyUsername is not null)
        {
            if (ReadOnlyUsername.Length == 0 || ReadOnlyUsername.Contains(':', StringComparison.Ordinal) || ReadOnlyUsername == Username)
            {
                throw new ArgumentException($"{nameof(ReadOnlyUsername)} must be non-empty, without ':', and differ from {nameof(Username)}.");
            }

            if (string.IsNullOrEmpty(ReadOnlyPassword)) throw new ArgumentException($"{nameof(ReadOnlyPassword)} is required when {nameof(ReadOnlyUsername)} is set.");
        }

        if (PollsToComplete < 1) throw new ArgumentException($"{nameof(PollsToComplete)} must be at least 1.");
        if (FlakyRequests < 0) throw new ArgumentException($"{nameof(FlakyRequests)} must not be negative.");
        if (ResponseDelay < TimeSpan.Zero) throw new ArgumentException($"{nameof(ResponseDelay)} must not be negative.");
        if (UploadSuccessStatusCode is < 200 or > 299) throw new ArgumentException($"{nameof(UploadSuccessStatusCode)} must be a 2xx status code.");
    }

    internal FakeClusterOptions Clone() => (FakeClusterOptions)MemberwiseClone();
}
