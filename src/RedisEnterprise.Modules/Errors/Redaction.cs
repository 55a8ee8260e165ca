using System.Text;

namespace RedisEnterprise.Modules.Errors;

/// <summary>
/// The credentials a request carried, to be kept out of anything an answer puts in an exception (a proxy page quoting the
/// request's headers, say): the Basic token and the password inside it (when 4 characters or more: a shorter one cannot be
/// told from ordinary text), also as a JSON string spells it.
/// </summary>
internal sealed class Redaction
{
    private static readonly Redaction None = new([]);
    private readonly string[] _secrets;

    private Redaction(string[] secrets) => _secrets = secrets;

    internal static Redaction Of(HttpRequestMessage? request)
    {
        if (request?.Headers.Authorization is not { Parameter: { Length: > 0 } token }) return None;
        string? password = null;
        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            password = pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        catch (FormatException)
        {
            // Not a Basic token: only the token itself is secret.
        }

        if (password is null || password.Length < 4) return new([token]);
        string inJson = password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return new([token, password, inJson]);
    }

    internal string? Apply(string? text)
    {
        if (text is null) return null;
        foreach (string secret in _secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
