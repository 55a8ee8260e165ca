using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// The options a configuration section can express, bound by the configuration binding source generator (no reflection,
/// so trimming and Native AOT stay safe). The options type itself is not the binding target: the generator would descend
/// into <see cref="RedisEnterpriseModulesClientOptions.TrustedCertificates"/>, <see cref="TimeProvider"/> and the like.
/// Durations and the endpoint are text read here: the generator's <see cref="TimeSpan.Parse(string, IFormatProvider)"/>
/// reads <c>30</c> as 30 days and refuses <c>Infinite</c>, and on a bad value it throws at binding time, before
/// validation can report it, with the value in the message (an endpoint's value may carry credentials).
/// </summary>
internal sealed class RedisEnterpriseModulesClientOptionsSection
{
    public string? Endpoint { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool? SkipCertificateValidation { get; set; }

    public string? TrustedCertificatesPath { get; set; }

    public string? CertificateThumbprint { get; set; }

    public bool? AllowInsecureHttp { get; set; }

    public bool? UseProxy { get; set; }

    public long? MaxResponseBytes { get; set; }

    public int? MaxRetries { get; set; }

    public string? RequestTimeout { get; set; }

    public string? UploadTimeout { get; set; }

    public string? UploadStallTimeout { get; set; }

    public string? PollingInterval { get; set; }

    public string? MaxPollingInterval { get; set; }

    public string? OperationTimeout { get; set; }

    public string? RetryDelay { get; set; }

    public string? MaxRetryAfter { get; set; }

    public string? AttemptTimeout { get; set; }

    public string? ModuleManagement { get; set; }

    // Keys and values as text: a key that is not a node uid, or a value that is not an address, is reported, not thrown.
    public Dictionary<string, string?>? NodeEndpoints { get; set; }

    internal static RedisEnterpriseModulesClientOptionsSection Read(IConfiguration section)
    {
        var values = new RedisEnterpriseModulesClientOptionsSection();
        section.Bind(values);
        return values;
    }

    /// <summary>Sets every option the section names; a value that does not read is left as it was (see <see cref="Problems"/>).</summary>
    internal void ApplyTo(RedisEnterpriseModulesClientOptions options)
    {
        if (Uri.TryCreate(Endpoint, UriKind.Absolute, out Uri? endpoint)) options.Endpoint = endpoint;
        options.Username = Username ?? options.Username;
        options.Password = Password ?? options.Password;
        options.SkipCertificateValidation = SkipCertificateValidation ?? options.SkipCertificateValidation;
        options.TrustedCertificatesPath = TrustedCertificatesPath ?? options.TrustedCertificatesPath;
        options.CertificateThumbprint = CertificateThumbprint ?? options.CertificateThumbprint;
        options.AllowInsecureHttp = AllowInsecureHttp ?? options.AllowInsecureHttp;
        options.UseProxy = UseProxy ?? options.UseProxy;
        options.MaxResponseBytes = MaxResponseBytes ?? options.MaxResponseBytes;
        options.MaxRetries = MaxRetries ?? options.MaxRetries;
        if (Enum.TryParse(ModuleManagement, ignoreCase: true, out ModuleManagementMode mode) && Enum.IsDefined(mode)) options.ModuleManagement = mode;
        foreach ((string key, string? value) in NodeEndpoints ?? [])
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int uid) && Uri.TryCreate(value, UriKind.Absolute, out Uri? node)) options.NodeEndpoints[uid] = node;
        }

        foreach ((_, string? text, Action<RedisEnterpriseModulesClientOptions, TimeSpan> set) in Durations())
        {
            if (TryReadDuration(text, out TimeSpan duration)) set(options, duration);
        }
    }

    /// <summary>The values that are set but do not read, each a sentence starting with its setting's name; never the value itself.</summary>
    internal IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return $"{nameof(Endpoint)} {RedisEnterpriseModulesClientOptions.EndpointForm}";
        }

        if (!string.IsNullOrEmpty(ModuleManagement) && !(Enum.TryParse(ModuleManagement, ignoreCase: true, out ModuleManagementMode mode) && Enum.IsDefined(mode)))
        {
            yield return $"{nameof(ModuleManagement)} must be {nameof(ModuleManagementMode.ClusterUpload)} or {nameof(ModuleManagementMode.UserDefined)} (or left out to detect it).";
        }

        foreach ((string key, string? value) in NodeEndpoints ?? [])
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                yield return $"{nameof(NodeEndpoints)} keys must be node uids (whole numbers), e.g. {nameof(NodeEndpoints)}:2.";
            }
            else if (!Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                yield return $"{nameof(NodeEndpoints)}:{key} {RedisEnterpriseModulesClientOptions.EndpointForm}";
            }
        }

        foreach ((string key, string? text, _) in Durations())
        {
            if (!string.IsNullOrEmpty(text) && !TryReadDuration(text, out _))
            {
                yield return $"{key} must be a duration such as 00:01:30, a number of seconds, or Infinite.";
            }
        }
    }

    private (string Key, string? Text, Action<RedisEnterpriseModulesClientOptions, TimeSpan> Set)[] Durations() =>
    [
        (nameof(RequestTimeout), RequestTimeout, static (o, d) => o.RequestTimeout = d),
        (nameof(UploadTimeout), UploadTimeout, static (o, d) => o.UploadTimeout = d),
        (nameof(UploadStallTimeout), UploadStallTimeout, static (o, d) => o.UploadStallTimeout = d),
        (nameof(PollingInterval), PollingInterval, static (o, d) => o.PollingInterval = d),
        (nameof(MaxPollingInterval), MaxPollingInterval, static (o, d) => o.MaxPollingInterval = d),
        (nameof(OperationTimeout), OperationTimeout, static (o, d) => o.OperationTimeout = d),
        (nameof(RetryDelay), RetryDelay, static (o, d) => o.RetryDelay = d),
        (nameof(MaxRetryAfter), MaxRetryAfter, static (o, d) => o.MaxRetryAfter = d),
        (nameof(AttemptTimeout), AttemptTimeout, static (o, d) => o.AttemptTimeout = d),
    ];

    /// <summary>A duration as <c>00:01:30</c>, or a number of seconds; <c>Infinite</c> or <c>-1</c> for none.</summary>
    private static bool TryReadDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Equals("Infinite", StringComparison.OrdinalIgnoreCase) || text == "-1")
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            // NaN, infinities and values past TimeSpan's range do not read (TimeSpan.FromSeconds would throw).
            if (!double.IsFinite(seconds) || Math.Abs(seconds) >= TimeSpan.MaxValue.TotalSeconds) return false;
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
