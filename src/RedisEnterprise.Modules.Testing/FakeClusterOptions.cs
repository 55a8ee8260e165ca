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
    /// The Redis Software version every node reports (<c>software_version</c> of <c>GET /v1/nodes</c>), which decides how the
    /// cluster manages modules (default <c>8.2.0-25</c>). From 8.0: every POST and DELETE on <c>/v1/modules</c> and
    /// <c>/v2/modules</c> answers <c>405</c>, and modules are user-defined (<c>/v2/modules/user-defined</c>, a package on every
    /// node through <c>/v2/local/modules/user-defined/artifacts</c>); from 8.2 <c>GET /v1/cluster</c> has
    /// <c>allow_modules_upload</c>. Any 7.x (e.g. <c>7.22.2-170</c>) gives the one-request upload with its action.
    /// </summary>
    public string SoftwareVersion { get; set; } = "8.2.0-25";

    /// <summary>Act like Redis Software 8.0 (<see cref="SoftwareVersion"/> <c>8.0.0-1</c>) or, when set false, 7.22 (<c>7.22.2-170</c>).</summary>
    [Obsolete("Set SoftwareVersion instead (\"8.0.0-1\", \"7.22.2-170\", ...).")]
    public bool RedisSoftware8Mode
    {
        get => IsUserDefined;
        set => SoftwareVersion = value ? "8.0.0-1" : "7.22.2-170";
    }

    /// <summary>How many nodes the cluster starts with (default 3), each its own HTTPS listener on 127.0.0.&lt;uid&gt;.</summary>
    public int NodeCount { get; set; } = 3;

    /// <summary>The cluster's <c>allow_modules_upload</c> when it starts (Redis Software 8.2 and later; default <see langword="false"/>, as on 8.2).</summary>
    public bool AllowModulesUpload { get; set; }

    /// <summary>The nodes' operating system (<c>os_name</c>; default <c>rhel</c>).</summary>
    public string NodeOsName { get; set; } = "rhel";

    /// <summary>The nodes' operating system version (<c>os_semantic_version</c>; default <c>9.4</c>).</summary>
    public string NodeOsVersion { get; set; } = "9.4";

    /// <summary>The nodes' CPU architecture (<c>architecture</c>; default <c>x86_64</c>).</summary>
    public string NodeArchitecture { get; set; } = "x86_64";

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

    /// <summary>
    /// The databases the cluster starts with (default none), each loading modules the cluster starts with (the bundled ones:
    /// <see cref="SeedBundledModules"/>); more can be added later with <see cref="FakeRedisEnterpriseCluster.AddDatabase"/>.
    /// </summary>
    public IList<FakeDatabase> Databases { get; private set; } = new List<FakeDatabase>();

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
        if (MajorOf(SoftwareVersion) is null) throw new ArgumentException($"{nameof(SoftwareVersion)} must be a version such as 8.2.0-25 or 7.22.2-170.");
        if (Databases.Any(d => d is null)) throw new ArgumentException($"{nameof(Databases)} must not hold null.");
        if (NodeCount is < 1 or > 250) throw new ArgumentException($"{nameof(NodeCount)} must be from 1 to 250 (one loopback address each).");
        if (string.IsNullOrWhiteSpace(NodeOsName) || string.IsNullOrWhiteSpace(NodeOsVersion) || string.IsNullOrWhiteSpace(NodeArchitecture))
        {
            throw new ArgumentException($"{nameof(NodeOsName)}, {nameof(NodeOsVersion)} and {nameof(NodeArchitecture)} are required.");
        }
    }

    /// <summary>Whether the cluster manages modules as Redis Software 8 does (user-defined modules).</summary>
    internal bool IsUserDefined => MajorOf(SoftwareVersion) >= 8;

    /// <summary>Whether <c>GET /v1/cluster</c> has <c>allow_modules_upload</c> (8.2 and later).</summary>
    internal bool HasUploadSetting => MajorOf(SoftwareVersion) is { } major && (major > 8 || (major == 8 && MinorOf(SoftwareVersion) >= 2));

    /// <summary>The major version of <c>8.2.0-25</c>; <see langword="null"/> when it does not read.</summary>
    internal static int? MajorOf(string? version) => Part(version, 0);

    private static int? MinorOf(string? version) => Part(version, 1);

    private static int? Part(string? version, int index)
    {
        string[] parts = (version ?? string.Empty).Trim().Split('-')[0].Split('.');
        return parts.Length > index && int.TryParse(parts[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value : null;
    }

    internal FakeClusterOptions Clone()
    {
        var copy = (FakeClusterOptions)MemberwiseClone();
        copy.Databases = new List<FakeDatabase>(Databases);
        return copy;
    }
}
