using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// The options a configuration section can express, bound by the configuration binding source generator (no reflection,
/// so trimming and Native AOT stay safe). The options type itself is not the binding target: the generator would descend
/// into <see cref="RedisEnterpriseModulesClientOptions.TrustedCertificates"/>, <see cref="TimeProvider"/> and the like.
/// Every value but the plain strings is text read here: the generator's <see cref="TimeSpan.Parse(string, IFormatProvider)"/>
/// reads <c>30</c> as 30 days and refuses <c>Infinite</c>, and on any value that does not parse (a number, a switch, a
/// duration) it throws at binding time, before validation can report it, with the value in the message (an endpoint's
/// value may carry credentials).
/// </summary>
internal sealed class RedisEnterpriseModulesClientOptionsSection
{
    public string? Endpoint { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? SkipCertificateValidation { get; set; }

    public string? TrustedCertificatesPath { get; set; }

    public string? CertificateThumbprint { get; set; }

    public string? AllowInsecureHttp { get; set; }

    public string? UseProxy { get; set; }

    public string? MaxResponseBytes { get; set; }

    public string? MaxRetries { get; set; }

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
        options.TrustedCertificatesPath = TrustedCertificatesPath ?? options.TrustedCertificatesPath;
        options.CertificateThumbprint = CertificateThumbprint ?? options.CertificateThumbprint;
        if (Enum.TryParse(ModuleManagement, ignoreCase: true, out ModuleManagementMode mode) && Enum.IsDefined(mode)) options.ModuleManagement = mode;
        foreach ((string key, string? value) in NodeEndpoints ?? [])
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int uid) && Uri.TryCreate(value, UriKind.Absolute, out Uri? node)) options.NodeEndpoints[uid] = node;
        }

        foreach (TextSetting setting in TextSettings())
        {
            setting.TryApply(options);
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

        foreach (TextSetting setting in TextSettings())
        {
            if (!string.IsNullOrEmpty(setting.Text) && !setting.TryApply(null))
            {
                yield return $"{setting.Key} {setting.Form}";
            }
        }
    }

    private const string DurationForm = "must be a duration such as 00:01:30, a number of seconds, or Infinite.";
    private const string SwitchForm = "must be true or false.";

    private TextSetting[] TextSettings() =>
    [
        Setting<bool>(nameof(SkipCertificateValidation), SkipCertificateValidation, SwitchForm, bool.TryParse, static (o, v) => o.SkipCertificateValidation = v),
        Setting<bool>(nameof(AllowInsecureHttp), AllowInsecureHttp, SwitchForm, bool.TryParse, static (o, v) => o.AllowInsecureHttp = v),
        Setting<bool>(nameof(UseProxy), UseProxy, SwitchForm, bool.TryParse, static (o, v) => o.UseProxy = v),
        Setting<long>(nameof(MaxResponseBytes), MaxResponseBytes, "must be a whole number of bytes.", TryReadWhole, static (o, v) => o.MaxResponseBytes = v),
        Setting<int>(nameof(MaxRetries), MaxRetries, "must be a whole number.", TryReadWhole, static (o, v) => o.MaxRetries = v),
        Setting<TimeSpan>(nameof(RequestTimeout), RequestTimeout, DurationForm, TryReadDuration, static (o, d) => o.RequestTimeout = d),
        Setting<TimeSpan>(nameof(UploadTimeout), UploadTimeout, DurationForm, TryReadDuration, static (o, d) => o.UploadTimeout = d),
        Setting<TimeSpan>(nameof(UploadStallTimeout), UploadStallTimeout, DurationForm, TryReadDuration, static (o, d) => o.UploadStallTimeout = d),
        Setting<TimeSpan>(nameof(PollingInterval), PollingInterval, DurationForm, TryReadDuration, static (o, d) => o.PollingInterval = d),
        Setting<TimeSpan>(nameof(MaxPollingInterval), MaxPollingInterval, DurationForm, TryReadDuration, static (o, d) => o.MaxPollingInterval = d),
        Setting<TimeSpan>(nameof(OperationTimeout), OperationTimeout, DurationForm, TryReadDuration, static (o, d) => o.OperationTimeout = d),
        Setting<TimeSpan>(nameof(RetryDelay), RetryDelay, DurationForm, TryReadDuration, static (o, d) => o.RetryDelay = d),
        Setting<TimeSpan>(nameof(MaxRetryAfter), MaxRetryAfter, DurationForm, TryReadDuration, static (o, d) => o.MaxRetryAfter = d),
        Setting<TimeSpan>(nameof(AttemptTimeout), AttemptTimeout, DurationForm, TryReadDuration, static (o, d) => o.AttemptTimeout = d),
    ];

    private delegate bool TextReader<T>(string? text, out T value);

    /// <summary>
    /// A value given as text: its key, the text, what it must look like, and <c>TryApply</c>, which reads the text and,
    /// when it reads and options are given, sets them (false when it does not read).
    /// </summary>
    private sealed record TextSetting(string Key, string? Text, string Form, Func<RedisEnterpriseModulesClientOptions?, bool> TryApply);

    private static TextSetting Setting<T>(string key, string? text, string form, TextReader<T> read, Action<RedisEnterpriseModulesClientOptions, T> set) =>
        new(key, text, form, options =>
        {
            if (!read(text, out T value)) return false;
            if (options is not null) set(options, value);
            return true;
        });

    private static bool TryReadWhole<T>(string? text, out T value)
        where T : IBinaryInteger<T> =>
        T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value!);

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
