namespace RedisEnterprise.Modules;

/// <summary>No answer came from the cluster: connection refused, DNS, TLS handshake, reset, or timeout. <see cref="RedisEnterpriseException.Status"/> is 0.</summary>
public class RedisEnterpriseConnectionException : RedisEnterpriseException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The transport failure.</param>
    public RedisEnterpriseConnectionException(string message, Exception? innerException = null) : base(message, 0, null, null, innerException) { }

    /// <summary>Whether the TLS handshake failed because the cluster's certificate was not accepted: retrying cannot help; trust the certificate (<see cref="RedisEnterpriseModulesClientOptions.TrustedCertificates"/>, <see cref="RedisEnterpriseModulesClientOptions.CertificateThumbprint"/>).</summary>
    public bool IsTlsFailure { get; internal init; }
}
