namespace RedisEnterprise.Modules.Cli.Connection;

/// <summary>
/// The secrets of this run (passwords read from stdin, the environment or a file), struck from any message the tool prints
/// on top of the SDK's own redaction: a message built from a file or an OS error could quote one. As in the SDK, a secret
/// shorter than <see cref="ShortestStruck"/> characters is not searched for: it cannot be told from ordinary text, and
/// striking it would garble every message ("b" in "be").
/// </summary>
internal sealed class SecretRedactor
{
    public const int ShortestStruck = 4;

    private const string Mask = "***";
    private readonly Lock _gate = new();
    private readonly List<string> _secrets = [];

    public void Add(string? secret)
    {
        if (secret is null || secret.Length < ShortestStruck) return;
        lock (_gate)
        {
            if (!_secrets.Contains(secret)) _secrets.Add(secret);
        }
    }

    public string Redact(string text)
    {
        lock (_gate)
        {
            foreach (string secret in _secrets) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
