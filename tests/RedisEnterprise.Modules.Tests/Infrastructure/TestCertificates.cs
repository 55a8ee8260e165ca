using System.Security.Cryptography.X509Certificates;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Self-signed certificates made in the test, like a cluster's default one.</summary>
internal static class TestCertificates
{
    internal static X509Certificate2 SelfSigned(string commonName = "localhost", DateTimeOffset? notAfter = null)
    {
        using RSA key = RSA.Create(2048);
        CertificateRequest request = ServerRequest(commonName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset end = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        using X509Certificate2 created = request.CreateSelfSigned(end.AddDays(-60), end);
        // Kestrel on Linux needs a key it can use from a PFX, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A request for a certificate naming <paramref name="name"/> (and 127.0.0.1 when it is localhost).</summary>
    private static CertificateRequest ServerRequest(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        if (name == "localhost") names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    private static readonly Lazy<RSA> LeafKey = new(() => RSA.Create(2048));

    /// <summary>A certificate authority, like a cluster's own CA: it signs the leaves of <see cref="IssuedBy"/>.</summary>
    internal static X509Certificate2 Authority(string name = "Test Cluster CA")
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> signed by <paramref name="authority"/> (every such leaf has the same key), valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (default: now ± 30 days).</summary>
    internal static X509Certificate2 IssuedBy(X509Certificate2 authority, string dnsName = "localhost", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        RSA key = LeafKey.Value; // an RSA key (WireMock's settings cannot hold an ECDSA one), shared: trust and pins look at certificates, not keys
        CertificateRequest request = ServerRequest(dnsName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using ECDsa authorityKey = authority.GetECDsaPrivateKey()!;
        using X509Certificate2 issued = request.Create(authority.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), notBefore ?? DateTimeOffset.UtcNow.AddDays(-30), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    internal static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    internal static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
