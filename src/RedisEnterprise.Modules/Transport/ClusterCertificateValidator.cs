using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// Decides whether the cluster's TLS certificate is accepted, by the options' choice: the system's
/// validation (default), a pinned SHA-256 thumbprint, custom trusted roots, or (for test clusters) anything.
/// The decision is scoped to one handler: no process-wide callback is ever set.
/// </summary>
internal sealed class ClusterCertificateValidator
{
    private readonly bool _skip;
    private readonly byte[]? _pinnedSha256;
    private readonly X509Certificate2Collection _trustedRoots;
    private readonly string? _clusterHost;

    private ClusterCertificateValidator(bool skip, byte[]? pinnedSha256, X509Certificate2Collection trustedRoots, string? clusterHost = null)
    {
        _skip = skip;
        _pinnedSha256 = pinnedSha256;
        _trustedRoots = trustedRoots;
        _clusterHost = clusterHost;
    }

    /// <summary>
    /// The validator for a node's connection: the options' choice, with the certificate's name checked against the cluster
    /// endpoint's host instead of the node's address (every node presents the cluster's one API certificate, named for the
    /// cluster). Only the name check moves: the chain, a pin and the trusted roots are checked as for the cluster endpoint.
    /// </summary>
    internal static ClusterCertificateValidator ForNode(RedisEnterpriseModulesClientOptions options)
    {
        ClusterCertificateValidator? cluster = For(options);
        string host = options.Endpoint!.IdnHost;
        return cluster is null
            ? new ClusterCertificateValidator(skip: false, pinnedSha256: null, [], host)
            : new ClusterCertificateValidator(cluster._skip, cluster._pinnedSha256, cluster._trustedRoots, host);
    }

    /// <summary>The validator for the options, or <see langword="null"/> when the system's validation applies unchanged.</summary>
    internal static ClusterCertificateValidator? For(RedisEnterpriseModulesClientOptions options)
    {
        byte[]? pin = options.CertificateThumbprint is { } thumbprint ? ParseThumbprint(thumbprint) : null;
        var roots = new X509Certificate2Collection(options.TrustedCertificates);
        if (options.TrustedCertificatesPath is { } path) roots.AddRange(LoadCertificates(path));
        if (!options.SkipCertificateValidation && pin is null && roots.Count == 0) return null;
        return new ClusterCertificateValidator(options.SkipCertificateValidation, pin, roots);
    }

    /// <summary>Every certificate of a PEM file, or the one certificate of a DER file.</summary>
    internal static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        if (certificates.Count == 0)
        {
#if NET9_0_OR_GREATER
            certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
#else
            certificates.Add(new X509Certificate2(path));
#endif
        }

        return certificates;
    }

    internal bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skip) return true;
        if (_clusterHost is not null) errors = WithClusterName(certificate, errors, _clusterHost);
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null) return false;

        if (_pinnedSha256 is not null)
        {
            byte[] actual = SHA256.HashData(certificate.GetRawCertData());
            if (CryptographicOperations.FixedTimeEquals(actual, _pinnedSha256)) return true;
        }

        if (_trustedRoots.Count > 0 && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None)
        {
            using var customChain = new X509Chain();
            customChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            customChain.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
            customChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (X509ChainElement element in chain.ChainElements) customChain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }

            using var leaf = new X509Certificate2(certificate);
            return customChain.Build(leaf);
        }

        return false;
    }

    /// <summary>
    /// The errors with the name check redone against the cluster's host: the platform checked the name against the node's
    /// address; a certificate that names the cluster's host passes, one that does not keeps the mismatch.
    /// </summary>
    private static SslPolicyErrors WithClusterName(X509Certificate? certificate, SslPolicyErrors errors, string clusterHost)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0) return errors;
        using var leaf = new X509Certificate2(certificate);
        return leaf.MatchesHostname(clusterHost) ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors;
    }

    /// <summary>Parses a SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it: hex, any case, colons or spaces allowed.</summary>
    internal static byte[] ParseThumbprint(string thumbprint)
    {
        string hex = thumbprint.Trim();
        int equals = hex.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0) hex = hex[(equals + 1)..]; // "sha256 Fingerprint=AB:CD:..." as openssl prints it
        hex = hex.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException(
                "CertificateThumbprint must be the SHA-256 fingerprint of the cluster's certificate: 64 hex digits, colons allowed (as `openssl x509 -noout -fingerprint -sha256` prints it).");
        }

        return Convert.FromHexString(hex);
    }
}
