using System.Net.Http.Headers;
using System.Text;

namespace RedisEnterprise.Modules.Http;

/// <summary>Builds the transport the client talks to the cluster through: the primary handler with the TLS choice, and the Basic credentials.</summary>
internal static class ClusterHttpHandler
{
    /// <summary>The primary handler: the options' TLS choice, no automatic redirects (credentials never follow a redirect), pooled connections.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler(RedisEnterpriseModulesClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            Expect100ContinueTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
        };

        if (ClusterCertificateValidator.For(options) is { } validator)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>The <c>Basic</c> token for the credentials, sent preemptively on every request.</summary>
    internal static string BasicToken(string username, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
}
