using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>Creates the fake cluster's self-signed server certificate in memory, like the one a fresh cluster ships with.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>A new RSA 2048 certificate for <c>localhost</c> and <c>127.0.0.1</c>, valid from yesterday for 30 days, with its private key.</summary>
    internal static X509Certificate2 Create()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=RedisEnterprise.Modules.Testing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName(ClusterState.ClusterName); // the cluster's name; the nodes' own addresses (127.0.0.2, ...) are not in it, as on a real cluster
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        // A certificate from CreateSelfSigned holds an ephemeral key, which SslStream cannot use on Windows;
        // a PKCS#12 round trip gives it a usable one on every platform.
        byte[] pfx = created.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
#else
        return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.Exportable);
#endif
    }

    /// <summary>A copy of the certificate without its private key, to hand to tests.</summary>
    internal static X509Certificate2 PublicCopy(X509Certificate2 certificate)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
#else
        return new X509Certificate2(certificate.RawData);
#endif
    }
}
