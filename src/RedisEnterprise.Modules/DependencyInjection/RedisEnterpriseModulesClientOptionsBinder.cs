using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// Reads the options from configuration by hand (no reflection, so trimming and Native AOT stay safe). Every setting
/// a configuration file can express is here; a value that does not parse fails with its configuration key.
/// </summary>
internal static class RedisEnterpriseModulesClientOptionsBinder
{
    internal static void Bind(IConfiguration section, RedisEnterpriseModulesClientOptions options)
    {
        if (section[nameof(options.Endpoint)] is { Length: > 0 } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) ? uri : throw Invalid(section, nameof(options.Endpoint), "an absolute URI");
        }

        options.Username = section[nameof(options.Username)] ?? options.Username;
        options.Password = section[nameof(options.Password)] ?? options.Password;
        options.CertificateThumbprint = section[nameof(options.CertificateThumbprint)] ?? options.CertificateThumbprint;
        options.TrustedCertificatesPath = section[nameof(options.TrustedCertificatesPath)] ?? options.TrustedCertificatesPath;
        options.SkipCertificateValidation = Boolean(section, nameof(options.SkipCertificateValidation)) ?? options.SkipCertificateValidation;
        options.AllowInsecureHttp = Boolean(section, nameof(options.AllowInsecureHttp)) ?? options.AllowInsecureHttp;
        options.RequestTimeout = Duration(section, nameof(options.RequestTimeout)) ?? options.RequestTimeout;
        options.UploadTimeout = Duration(section, nameof(options.UploadTimeout)) ?? options.UploadTimeout;
        options.PollingInterval = Duration(section, nameof(options.PollingInterval)) ?? options.PollingInterval;
        options.MaxPollingInterval = Duration(section, nameof(options.MaxPollingInterval)) ?? options.MaxPollingInterval;
        options.OperationTimeout = Duration(section, nameof(options.OperationTimeout)) ?? options.OperationTimeout;
        options.RetryDelay = Duration(section, nameof(options.RetryDelay)) ?? options.RetryDelay;
        options.AttemptTimeout = Duration(section, nameof(options.AttemptTimeout)) ?? options.AttemptTimeout;
        if (section[nameof(options.MaxRetries)] is { Length: > 0 } retries)
        {
            options.MaxRetries = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid(section, nameof(options.MaxRetries), "a whole number");
        }
    }

    /// <summary>The configuration keys <see cref="Bind"/> reads: the options' settings that configuration can express.</summary>
    internal static IReadOnlyList<string> Keys { get; } =
    [
        "Endpoint", "Username", "Password", "CertificateThumbprint", "TrustedCertificatesPath", "SkipCertificateValidation", "AllowInsecureHttp",
        "RequestTimeout", "UploadTimeout", "PollingInterval", "MaxPollingInterval", "OperationTimeout", "RetryDelay", "AttemptTimeout", "MaxRetries",
    ];

    private static bool? Boolean(IConfiguration section, string key) => section[key] is { Length: > 0 } text
        ? bool.TryParse(text, out bool value) ? value : throw Invalid(section, key, "true or false")
        : null;

    /// <summary>A duration as <c>00:01:30</c>, or a number of seconds; <c>Infinite</c> or <c>-1</c> for none.</summary>
    private static TimeSpan? Duration(IConfiguration section, string key)
    {
        if (section[key] is not { Length: > 0 } text) return null;
        if (text.Equals("Infinite", StringComparison.OrdinalIgnoreCase) || text == "-1") return Timeout.InfiniteTimeSpan;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return TimeSpan.FromSeconds(seconds);
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value : throw Invalid(section, key, "a duration such as 00:01:30 or a number of seconds");
    }

    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected) =>
        new($"Configuration key '{PathOf(section, key)}' must be {expected}.");

    internal static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path.Length: > 0 } named ? $"{named.Path}:{key}" : key;
}
