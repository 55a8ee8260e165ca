using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Self-signed certificates made in the test, like a cluster's default one.</summary>
internal static class TestCertificates
{
    internal static X509Certificate2 SelfSigned(string commonName = "localhost", DateTimeOffset? notAfter = null)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        if (commonName == "localhost") names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset end = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        using X509Certificate2 created = request.CreateSelfSigned(end.AddDays(-60), end);
        // Kestrel on Linux needs a key it can use from a PFX, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    internal static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    internal static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
