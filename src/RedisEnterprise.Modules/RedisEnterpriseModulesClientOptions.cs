using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Polly;
using RedisEnterprise.Modules.DependencyInjection;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules;

/// <summary>
/// How to reach and talk to one Redis Enterprise cluster. Set <see cref="Endpoint"/>, <see cref="Username"/> and
/// <see cref="Password"/>; the rest has safe defaults.
/// </summary>
/// <example>
/// <code>
/// var options = new RedisEnterpriseModulesClientOptions
/// {
///     Endpoint = new Uri("https://cluster.example.com:9443"),
///     Username = "admin@example.com",
///     Password = Environment.GetEnvironmentVariable("RE_PASSWORD"),
///     CertificateThumbprint = "AB:CD:...", // or TrustedCertificates.Add(clusterCa)
/// };
/// using var client = new RedisEnterpriseModulesClient(options);
/// </code>
/// </example>
public sealed class RedisEnterpriseModulesClientOptions : IValidatableObject
{
    /// <summary>
    /// The longest timeout a call waits on: under int.MaxValue milliseconds (24.8 days), the smallest limit among .NET's
    /// timer APIs, so whichever timer enforces it accepts it (CancellationTokenSource refuses 49.7 days and more).
    /// </summary>
    private const string LongestTimer = "24.00:00:00";

    /// <summary>What a usable endpoint looks like, after its setting's name.</summary>
    internal const string EndpointForm = "must be an absolute https:// address, e.g. https://cluster.example.com:9443.";

    /// <summary>The cluster's REST API address, e.g. <c>https://cluster.example.com:9443</c> (required; absolute, https://, or http:// with <see cref="AllowInsecureHttp"/>; no credentials in it).</summary>
    [Required(ErrorMessage = nameof(Endpoint) + " is required: the cluster's REST API address, e.g. https://cluster.example.com:9443.")]
    public Uri? Endpoint { get; set; }

    /// <summary>The user to authenticate as (HTTP Basic; required, not blank).</summary>
    [Required(ErrorMessage = nameof(Username) + " is required.")]
    public string? Username { get; set; }

    /// <summary>
    /// The user's password (required, not blank). The client never writes it into messages, logs or <see cref="ToString"/>.
    /// Text from an answer that goes into an exception (a proxy page quoting the request, say) is cleared of it when it has
    /// 4 characters or more; a shorter password cannot be told from ordinary text and is not searched for there, though the
    /// credentials token itself always is.
    /// </summary>
    [Required(ErrorMessage = nameof(Password) + " is required.")]
    public string? Password { get; set; }

    /// <summary>
    /// Accept any server certificate, like <c>curl -k</c> (default <see langword="false"/>). For test clusters only:
    /// prefer <see cref="TrustedCertificates"/> or <see cref="CertificateThumbprint"/>. Applies to this client alone.
    /// </summary>
    public bool SkipCertificateValidation { get; set; }

    /// <summary>Roots to trust instead of the system's: the cluster's CA, or its self-signed certificate.</summary>
    public X509Certificate2Collection TrustedCertificates { get; } = new();

    /// <summary>
    /// A PEM or DER (<c>.crt</c>) file whose certificates are trusted like <see cref="TrustedCertificates"/>: the form a
    /// trusted root takes in configuration (<c>RedisEnterprise:TrustedCertificatesPath</c>). The file must exist.
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    /// <summary>
    /// Pin the server certificate: the SHA-256 of its DER bytes in hex (64 digits), any case, colons allowed (what
    /// <c>openssl x509 -noout -fingerprint -sha256</c> prints). Only that certificate is then accepted besides
    /// those the system trusts.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>
    /// Allow an <c>http://</c> endpoint, which sends the credentials in clear text (default <see langword="false"/>), to the
    /// cluster and to any proxy on the way: a proxy does not make an <c>http://</c> endpoint safe.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The proxy requests go through when <see cref="UseProxy"/> is on (default <see langword="null"/>: the system's, from
    /// <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c> or the OS settings). Set in code only; configuration cannot express it.
    /// An <c>https://</c> endpoint is tunnelled through the proxy, so the proxy never sees the credentials; an <c>http://</c>
    /// one still needs <see cref="AllowInsecureHttp"/>.
    /// </summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>Whether requests go through a proxy (<see cref="Proxy"/>, or the system's), like <c>HttpClientHandler.UseProxy</c> (default <see langword="true"/>).</summary>
    public bool UseProxy { get; set; } = true;

    /// <summary>How long one request (not an upload) may take: from 1 ms to 24 days, or <see cref="Timeout.InfiniteTimeSpan"/> for no limit (default 100 seconds).</summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, AllowInfinite = true, ErrorMessage = nameof(RequestTimeout) + " must be from 1 ms to 24 days, or Infinite.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long an upload's transfer may take: from 1 ms to 24 days; <see langword="null"/> (default) or
    /// <see cref="Timeout.InfiniteTimeSpan"/> sets no limit beyond the cancellation token and <see cref="UploadStallTimeout"/>.
    /// </summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, AllowInfinite = true, ErrorMessage = nameof(UploadTimeout) + " must be from 1 ms to 24 days, Infinite, or null.")]
    public TimeSpan? UploadTimeout { get; set; }

    /// <summary>
    /// How long an upload may go without sending or receiving a single byte before it fails: from 1 ms to 24 days
    /// (default 5 minutes); <see langword="null"/> or <see cref="Timeout.InfiniteTimeSpan"/> for no stall limit. The wait of
    /// the body's last block for the package's own check (<see cref="UploadModuleOptions.Validate"/>) does not count.
    /// </summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, AllowInfinite = true, ErrorMessage = nameof(UploadStallTimeout) + " must be from 1 ms to 24 days, Infinite, or null.")]
    public TimeSpan? UploadStallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most bytes the body of a successful answer may have (default 64 MiB; from 1 KiB to 2 GiB); a longer one fails
    /// with an error naming this limit. A real cluster's list of 16 modules is about 14 KB.
    /// </summary>
    [IntegerRange(1024, 2147483648, ErrorMessage = nameof(MaxResponseBytes) + " must be from 1024 (1 KiB) to 2147483648 (2 GiB).")]
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The first interval between polls of an action: from 1 ms to 24 days, and not longer than <see cref="MaxPollingInterval"/> (default 1 second).</summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, ErrorMessage = nameof(PollingInterval) + " must be from 1 ms to 24 days.")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest interval between polls, which the backoff grows to: from <see cref="PollingInterval"/> to 24 days (default 10 seconds).</summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, ErrorMessage = nameof(MaxPollingInterval) + " must be from 1 ms to 24 days.")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long waiting for an action may take, counted from the first poll: from 1 ms to 24 days, or
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait as long as the action runs (default 30 minutes).
    /// </summary>
    [TimeSpanRange("00:00:00.001", LongestTimer, AllowInfinite = true, ErrorMessage = nameof(OperationTimeout) + " must be from 1 ms to 24 days, or Infinite.")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many times a GET (list, get, action poll) is retried on 408, 429, 5xx (but 501 and 505) or a transport error:
    /// 0 or more (default 3; 0 turns retries off). POST and DELETE are never retried.
    /// </summary>
    [IntegerRange(0, int.MaxValue, ErrorMessage = nameof(MaxRetries) + " must not be negative (0 turns retries off).")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base delay of the exponential backoff (with jitter) between retries: from 1 ms to 24 hours, what Polly accepts (default 1 second). A <c>Retry-After</c> header wins, up to <see cref="MaxRetryAfter"/>.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = nameof(RetryDelay) + " must be from 1 ms to 24 hours.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait a <c>Retry-After</c> header can ask for before a retry; a longer one is capped to it: from 1 second to 24 hours (default 5 minutes).</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00", ErrorMessage = nameof(MaxRetryAfter) + " must be from 1 second to 24 hours.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one attempt of a GET may take before it is abandoned and retried: from 10 ms to 24 hours, what Polly accepts,
    /// or <see cref="Timeout.InfiniteTimeSpan"/> for no attempt timeout (default 30 seconds).
    /// </summary>
    [TimeSpanRange("00:00:00.010", "1.00:00:00", AllowInfinite = true, ErrorMessage = nameof(AttemptTimeout) + " must be from 10 ms to 24 hours, or Infinite.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Replaces the default resilience pipeline (retries and attempt timeout) that GET requests go through; POST and
    /// DELETE never go through it. <see langword="null"/> (default) builds it from <see cref="MaxRetries"/>,
    /// <see cref="RetryDelay"/> and <see cref="AttemptTimeout"/>.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage>? ResiliencePipeline { get; set; }

    /// <summary>
    /// How the cluster manages modules: <see cref="ModuleManagementMode.ClusterUpload"/> (<c>POST /v2/modules</c>, up to
    /// Redis Software 7.22) or <see cref="ModuleManagementMode.UserDefined"/> (8.0 and later). <see langword="null"/> (default):
    /// detected from the lowest <c>software_version</c> of <c>GET /v1/nodes</c>, once per client. Binds from configuration
    /// (<c>RedisEnterprise:ModuleManagement</c> = <c>UserDefined</c>).
    /// </summary>
    public ModuleManagementMode? ModuleManagement { get; set; }

    /// <summary>
    /// Where each node's REST API is reached, by node uid (Redis Software 8 uploads a module's package to every node at its
    /// own address), e.g. <c>{ [2] = new Uri("https://node2.example.com:9443") }</c>; binds from configuration
    /// (<c>RedisEnterprise:NodeEndpoints:2</c>). A node not listed here is reached through <see cref="ResolveNodeEndpoint"/>,
    /// otherwise at <c>{Endpoint.Scheme}://{node address}:{Endpoint.Port}</c>. Every node gets the same credentials, timeouts and
    /// certificate trust as <see cref="Endpoint"/>; because every node presents the cluster's one API certificate, a node's
    /// certificate name is checked against <see cref="Endpoint"/>'s host name, not the node's address.
    /// </summary>
    public IDictionary<int, Uri> NodeEndpoints { get; } = new Dictionary<int, Uri>();

    /// <summary>
    /// Decides where a node not listed in <see cref="NodeEndpoints"/> is reached (set in code only), e.g. through a node's
    /// external address: <c>node =&gt; new Uri($"https://{node.ExternalAddresses![0]}:9443")</c>. <see langword="null"/>
    /// (default): <c>{Endpoint.Scheme}://{node address}:{Endpoint.Port}</c>.
    /// </summary>
    public Func<NodeInfo, Uri>? ResolveNodeEndpoint { get; set; }

    /// <summary>Where the client logs requests (Debug), action status changes (Information) and retries (Warning); never credentials. <see langword="null"/>: no logging (with dependency injection, the container's factory).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for polling and timeouts (required; default <see cref="TimeProvider.System"/>); tests pass a fake one.</summary>
    [Required(ErrorMessage = nameof(TimeProvider) + " is required.")]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Checks the options and throws <see cref="ArgumentException"/> naming the first wrong setting: a missing endpoint
    /// or credential, an <c>http://</c> endpoint without <see cref="AllowInsecureHttp"/>, a malformed thumbprint, or a
    /// value outside its setting's range (each setting documents its range).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or wrong.</exception>
    public void Validate()
    {
        foreach (string problem in GetProblems())
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>Every problem with the options, each starting with its setting's name; empty when they are usable.</summary>
    /// <returns>The problems, in a readable sentence each.</returns>
    public IReadOnlyList<string> GetProblems() => RedisEnterpriseModulesClientOptionsValidator.Problems(this);

    /// <summary>The rules a single setting's attribute cannot express; the generated validator calls this after the attributes.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Endpoint is not null)
        {
            if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
            {
                yield return Problem(nameof(Endpoint), EndpointForm);
            }
            else
            {
                if (Endpoint.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp)
                {
                    yield return Problem(nameof(Endpoint), $"is http://, which would send the credentials in clear text; use https:// or set {nameof(AllowInsecureHttp)}.");
                }

                if (!string.IsNullOrEmpty(Endpoint.UserInfo))
                {
                    yield return Problem(nameof(Endpoint), $"must not carry credentials; set {nameof(Username)} and {nameof(Password)} instead.");
                }
            }
        }

        if (TrustedCertificatesPath is not null && !File.Exists(TrustedCertificatesPath))
        {
            yield return Problem(nameof(TrustedCertificatesPath), $"names a file that does not exist: {TrustedCertificatesPath}.");
        }

        if (CertificateThumbprint is not null && ThumbprintProblem(CertificateThumbprint) is { } thumbprintProblem)
        {
            yield return new ValidationResult(thumbprintProblem, [nameof(CertificateThumbprint)]);
        }

        if (MaxPollingInterval < PollingInterval)
        {
            yield return Problem(nameof(MaxPollingInterval), $"must not be shorter than {nameof(PollingInterval)}.");
        }

        foreach ((int uid, Uri? node) in NodeEndpoints)
        {
            string setting = $"{nameof(NodeEndpoints)}[{uid.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if (node is null || !node.IsAbsoluteUri || (node.Scheme != Uri.UriSchemeHttps && node.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"{setting} {EndpointForm}", [nameof(NodeEndpoints)]);
            }
            else if (node.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp)
            {
                yield return new ValidationResult($"{setting} is http://, which would send the credentials in clear text; use https:// or set {nameof(AllowInsecureHttp)}.", [nameof(NodeEndpoints)]);
            }
            else if (!string.IsNullOrEmpty(node.UserInfo))
            {
                yield return new ValidationResult($"{setting} must not carry credentials; set {nameof(Username)} and {nameof(Password)} instead.", [nameof(NodeEndpoints)]);
            }
        }

        if (ModuleManagement is { } mode && !Enum.IsDefined(mode))
        {
            yield return Problem(nameof(ModuleManagement), $"must be {nameof(ModuleManagementMode.ClusterUpload)}, {nameof(ModuleManagementMode.UserDefined)}, or null to detect it.");
        }

        if (Proxy is not null && !UseProxy)
        {
            yield return Problem(nameof(Proxy), $"is set but {nameof(UseProxy)} is false, so it would be ignored; set one or the other.");
        }
    }

    private static ValidationResult Problem(string setting, string what) => new($"{setting} {what}", [setting]);

    private static string? ThumbprintProblem(string thumbprint)
    {
        try
        {
            ClusterCertificateValidator.ParseThumbprint(thumbprint);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message; // names CertificateThumbprint and the expected form, never the value
        }
    }

    /// <summary>A copy, so a client keeps the settings it was made with whatever the caller changes later.</summary>
    internal RedisEnterpriseModulesClientOptions Clone()
    {
        var copy = new RedisEnterpriseModulesClientOptions
        {
            Endpoint = Endpoint,
            Username = Username,
            Password = Password,
            SkipCertificateValidation = SkipCertificateValidation,
            CertificateThumbprint = CertificateThumbprint,
            TrustedCertificatesPath = TrustedCertificatesPath,
            AllowInsecureHttp = AllowInsecureHttp,
            Proxy = Proxy,
            UseProxy = UseProxy,
            RequestTimeout = RequestTimeout,
            UploadTimeout = UploadTimeout,
            PollingInterval = PollingInterval,
            MaxPollingInterval = MaxPollingInterval,
            OperationTimeout = OperationTimeout,
            MaxRetries = MaxRetries,
            RetryDelay = RetryDelay,
            AttemptTimeout = AttemptTimeout,
            MaxRetryAfter = MaxRetryAfter,
            MaxResponseBytes = MaxResponseBytes,
            UploadStallTimeout = UploadStallTimeout,
            ResiliencePipeline = ResiliencePipeline,
            LoggerFactory = LoggerFactory,
            TimeProvider = TimeProvider,
            ModuleManagement = ModuleManagement,
            ResolveNodeEndpoint = ResolveNodeEndpoint,
        };
        copy.TrustedCertificates.AddRange(TrustedCertificates);
        foreach ((int uid, Uri node) in NodeEndpoints) copy.NodeEndpoints[uid] = node;
        return copy;
    }

    /// <summary>
    /// Options for the cluster the environment names: <c>REDIS_ENTERPRISE_ENDPOINT</c>, <c>REDIS_ENTERPRISE_USERNAME</c>,
    /// <c>REDIS_ENTERPRISE_PASSWORD</c>, and <c>REDIS_ENTERPRISE_SKIP_TLS_VERIFY=true</c> for a test cluster's self-signed
    /// certificate (the variables the <c>redis-modules</c> tool reads). Every other setting keeps its default; the client
    /// validates them all when it is created.
    /// </summary>
    /// <returns>The options, or <see langword="null"/> when <c>REDIS_ENTERPRISE_ENDPOINT</c> is not set.</returns>
    /// <exception cref="FormatException"><c>REDIS_ENTERPRISE_ENDPOINT</c> is not an absolute <c>https://</c> or <c>http://</c> address, or <c>REDIS_ENTERPRISE_SKIP_TLS_VERIFY</c> is neither true nor false.</exception>
    public static RedisEnterpriseModulesClientOptions? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    internal static RedisEnterpriseModulesClientOptions? FromEnvironment(Func<string, string?> variable)
    {
        string? endpoint = variable("REDIS_ENTERPRISE_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        // The address is not quoted back: it may hold credentials.
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException("REDIS_ENTERPRISE_ENDPOINT " + EndpointForm);
        }

        string? skip = variable("REDIS_ENTERPRISE_SKIP_TLS_VERIFY");
        bool skipValidation = false;
        if (!string.IsNullOrWhiteSpace(skip) && !bool.TryParse(skip.Trim(), out skipValidation))
        {
            throw new FormatException($"REDIS_ENTERPRISE_SKIP_TLS_VERIFY must be true or false, not '{skip}'.");
        }

        return new RedisEnterpriseModulesClientOptions
        {
            Endpoint = uri,
            Username = variable("REDIS_ENTERPRISE_USERNAME"),
            Password = variable("REDIS_ENTERPRISE_PASSWORD"),
            SkipCertificateValidation = skipValidation,
        };
    }

    /// <summary>Describes the options without the password.</summary>
    /// <returns>The endpoint, user and TLS choice.</returns>
    public override string ToString()
    {
        string tls = SkipCertificateValidation ? "skip validation"
            : CertificateThumbprint is not null ? "pinned certificate"
            : TrustedCertificates.Count > 0 || TrustedCertificatesPath is not null ? "trusted roots"
            : "system validation";
        Uri? endpoint = Endpoint is { IsAbsoluteUri: true, UserInfo.Length: > 0 } withCredentials
            ? new UriBuilder(withCredentials) { UserName = string.Empty, Password = string.Empty }.Uri // never print credentials put in the address
            : Endpoint;
        return $"Endpoint={endpoint}, Username={Username}, Password={(string.IsNullOrEmpty(Password) ? "(none)" : "***")}, TLS={tls}";
    }
}
