using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Polly;
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
public sealed class RedisEnterpriseModulesClientOptions
{
    /// <summary>The cluster's REST API address, e.g. <c>https://cluster.example.com:9443</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The user to authenticate as (HTTP Basic).</summary>
    public string? Username { get; set; }

    /// <summary>The user's password. It never appears in messages, logs or <see cref="ToString"/>.</summary>
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
    /// trusted root takes in configuration (<c>RedisEnterprise:TrustedCertificatesPath</c>).
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    /// <summary>
    /// Pin the server certificate: the SHA-256 of its DER bytes in hex, any case, colons allowed (what
    /// <c>openssl x509 -noout -fingerprint -sha256</c> prints). Only that certificate is then accepted besides
    /// those the system trusts.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Allow an <c>http://</c> endpoint, which sends the credentials in clear text (default <see langword="false"/>).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How long one request (not an upload) may take (default 100 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long an upload's transfer may take; <see langword="null"/> (default) sets no limit beyond the cancellation token.</summary>
    public TimeSpan? UploadTimeout { get; set; }

    /// <summary>The first interval between polls of an action (default 1 second; any positive value).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest interval between polls, which the backoff grows to (default 10 seconds).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long waiting for an action may take, counted from the first poll (default 30 minutes).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many times a GET (list, get, action poll) is retried on 408, 429, 5xx (but 501 and 505) or a transport error (default 3; 0 turns retries off). POST and DELETE are never retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base delay of the exponential backoff (with jitter) between retries (default 1 second); a <c>Retry-After</c> header wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt of a GET may take before it is abandoned and retried (default 30 seconds).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Replaces the default resilience pipeline (retries and attempt timeout) that GET requests go through; POST and
    /// DELETE never go through it. <see langword="null"/> (default) builds it from <see cref="MaxRetries"/>,
    /// <see cref="RetryDelay"/> and <see cref="AttemptTimeout"/>.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage>? ResiliencePipeline { get; set; }

    /// <summary>Where the client logs requests (Debug), action status changes (Information) and retries (Warning); never credentials. <see langword="null"/>: no logging (with dependency injection, the container's factory).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for polling and timeouts (default <see cref="TimeProvider.System"/>); tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Checks the options and throws <see cref="ArgumentException"/> naming the first wrong setting:
    /// a missing endpoint or credential, an <c>http://</c> endpoint without <see cref="AllowInsecureHttp"/>,
    /// a malformed thumbprint, or a non-positive interval.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or wrong.</exception>
    public void Validate()
    {
        foreach (string problem in GetProblems())
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>Every problem with the options, each naming its setting; empty when they are usable.</summary>
    /// <returns>The problems, in a readable sentence each.</returns>
    public IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        if (Endpoint is null)
        {
            problems.Add($"{nameof(Endpoint)} is required: the cluster's REST API address, e.g. https://cluster.example.com:9443.");
        }
        else if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{nameof(Endpoint)} must be an absolute https:// address, e.g. https://cluster.example.com:9443.");
        }
        else
        {
            if (Endpoint.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp)
            {
                problems.Add($"{nameof(Endpoint)} is http://, which would send the credentials in clear text; use https:// or set {nameof(AllowInsecureHttp)}.");
            }

            if (!string.IsNullOrEmpty(Endpoint.UserInfo))
            {
                problems.Add($"{nameof(Endpoint)} must not carry credentials; set {nameof(Username)} and {nameof(Password)} instead.");
            }
        }

        if (string.IsNullOrWhiteSpace(Username)) problems.Add($"{nameof(Username)} is required.");
        if (string.IsNullOrEmpty(Password)) problems.Add($"{nameof(Password)} is required.");

        if (TrustedCertificatesPath is not null && !File.Exists(TrustedCertificatesPath))
        {
            problems.Add($"{nameof(TrustedCertificatesPath)} names a file that does not exist: {TrustedCertificatesPath}.");
        }

        if (CertificateThumbprint is not null)
        {
            try
            {
                ClusterCertificateValidator.ParseThumbprint(CertificateThumbprint);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }

        AddIfNotPositive(problems, nameof(RequestTimeout), RequestTimeout, allowInfinite: true);
        if (UploadTimeout is { } uploadTimeout) AddIfNotPositive(problems, nameof(UploadTimeout), uploadTimeout, allowInfinite: true);
        AddIfNotPositive(problems, nameof(PollingInterval), PollingInterval, allowInfinite: false);
        AddIfNotPositive(problems, nameof(MaxPollingInterval), MaxPollingInterval, allowInfinite: false);
        AddIfNotPositive(problems, nameof(OperationTimeout), OperationTimeout, allowInfinite: true);
        AddIfNotPositive(problems, nameof(RetryDelay), RetryDelay, allowInfinite: false);
        AddIfNotPositive(problems, nameof(AttemptTimeout), AttemptTimeout, allowInfinite: true);
        if (MaxRetries < 0) problems.Add($"{nameof(MaxRetries)} must not be negative (0 turns retries off).");
        if (MaxPollingInterval < PollingInterval) problems.Add($"{nameof(MaxPollingInterval)} must not be shorter than {nameof(PollingInterval)}.");
        if (TimeProvider is null) problems.Add($"{nameof(TimeProvider)} is required.");
        return problems;
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
            RequestTimeout = RequestTimeout,
            UploadTimeout = UploadTimeout,
            PollingInterval = PollingInterval,
            MaxPollingInterval = MaxPollingInterval,
            OperationTimeout = OperationTimeout,
            MaxRetries = MaxRetries,
            RetryDelay = RetryDelay,
            AttemptTimeout = AttemptTimeout,
            ResiliencePipeline = ResiliencePipeline,
            LoggerFactory = LoggerFactory,
            TimeProvider = TimeProvider,
        };
        copy.TrustedCertificates.AddRange(TrustedCertificates);
        return copy;
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

    private static void AddIfNotPositive(List<string> problems, string name, TimeSpan value, bool allowInfinite)
    {
        if (value <= TimeSpan.Zero && !(allowInfinite && value == Timeout.InfiniteTimeSpan))
        {
            problems.Add($"{name} must be positive.");
        }
    }
}
