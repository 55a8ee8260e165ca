using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RedisEnterprise.Modules.Errors;

/// <summary>What an error answer said, read tolerantly: JSON with <c>error_code</c> and <c>message</c> or <c>description</c>, an empty body, or anything else.</summary>
internal sealed record ErrorDetails(string Method, string Path, string? RouteTemplate, int Status, string? ReasonPhrase, string? ErrorCode, string? ServerMessage, string? BodyExcerpt)
{
    internal const int MaxExcerptLength = 512;

    internal string Describe(string? explanation)
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).Append(" failed");
        if (Status != 0)
        {
            text.Append(" with ").Append(Status.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(ReasonPhrase)) text.Append(' ').Append(Bounded(ReasonPhrase));
        }

        if (ErrorCode is not null) text.Append(" (").Append(ErrorCode).Append(')');
        text.Append('.');
        if (explanation is not null) text.Append(' ').Append(explanation);
        if (ServerMessage is not null) text.Append(" Cluster says: ").Append(ServerMessage);
        else if (BodyExcerpt is not null) text.Append(" Body: ").Append(BodyExcerpt);
        return text.ToString();
    }

    /// <summary>Reads the error fields from a body; never throws, whatever the body is.</summary>
    internal static (string? ErrorCode, string? ServerMessage, string? BodyExcerpt) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null, null);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                string? code = Text(document.RootElement, "error_code");
                string? message = Text(document.RootElement, "message") ?? Text(document.RootElement, "description") ?? Text(document.RootElement, "error");
                if (code is not null || message is not null) return (code, message, null);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON (an HTML page from a proxy, plain text), or a key with an escaped lone surrogate: fall through to the excerpt.
        }

        return (null, null, Excerpt(body));
    }

    /// <summary>The text as it is when short, else its excerpt: what the cluster says never makes a message unbounded.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    internal static string? Bounded(string? text) => text is null || text.Length <= MaxExcerptLength ? text : Excerpt(text);

    internal static string Excerpt(string body)
    {
        string head = body.Length <= MaxExcerptLength * 2 ? body : body[..(MaxExcerptLength * 2)];
        string flat = string.Join(' ', head.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxExcerptLength && head.Length == body.Length ? flat : string.Concat(flat.AsSpan(0, Math.Min(flat.Length, MaxExcerptLength)), "…");
    }

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value)) return null;
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => StringOf(value),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : Bounded(text);
    }

    private static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText()[1..^1]; // an escaped lone surrogate ("\ud800") has no UTF-16 form: keep the text as sent
        }
    }
}
