using System.Text;

namespace RedisEnterprise.Modules.Errors;

/// <summary>
/// The credentials a request carried, kept out of anything an answer puts in an exception (a proxy page quoting the request's
/// headers, say): the Basic token and the password inside it, also as a JSON string spells it. Any run of
/// <see cref="MinRun"/> or more of their characters is hidden, so a quote cut short (by an excerpt, a page's layout) leaks
/// no more than a few characters; a password shorter than that is hidden where it appears whole (from 4 characters: a
/// shorter one cannot be told from ordinary text).
/// </summary>
internal sealed class Redaction
{
    internal const int MinRun = 8;
    private const string Mask = "***";
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

    /// <summary>The text with every secret run replaced by <c>***</c>.</summary>
    internal string? Apply(string? text)
    {
        if (text is null || _secrets.Length == 0) return text;
        bool[]? hidden = null;
        foreach (string secret in _secrets)
        {
            if (secret.Length >= MinRun)
            {
                // Every window of MinRun characters that the secret contains is hidden; together they cover every longer run.
                for (int i = 0; i + MinRun <= text.Length; i++)
                {
                    if (secret.AsSpan().IndexOf(text.AsSpan(i, MinRun)) >= 0) Hide(ref hidden, text.Length, i, MinRun);
                }
            }
            else
            {
                for (int at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
                {
                    Hide(ref hidden, text.Length, at, secret.Length);
                }
            }
        }

        if (hidden is null) return text;
        var redacted = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (!hidden[i]) redacted.Append(text[i]);
            else if (i == 0 || !hidden[i - 1]) redacted.Append(Mask);
        }

        return redacted.ToString();
    }

    private static void Hide(ref bool[]? hidden, int length, int start, int count)
    {
        hidden ??= new bool[length];
        hidden.AsSpan(start, count).Fill(true);
    }
}
