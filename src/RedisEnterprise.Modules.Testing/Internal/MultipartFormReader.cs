using System.Net.Http.Headers;
using System.Text;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>One part of a <c>multipart/form-data</c> body.</summary>
internal sealed record MultipartPart(string? Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// Reads a <c>multipart/form-data</c> body from its raw bytes (RFC 7578 / RFC 2046): the boundary from the
/// Content-Type (quoted or not), delimiters at line starts, CRLF or bare LF line ends, a preamble and an
/// epilogue, and <c>filename*</c> as well as <c>filename</c>.
/// </summary>
internal static class MultipartFormReader
{
    /// <summary>The boundary of a multipart Content-Type, or <see langword="null"/> when the body is not multipart or names none.</summary>
    internal static string? GetBoundary(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType)) return null;
        if (mediaType.MediaType is null || !mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return null;
        NameValueHeaderValue? parameter = mediaType.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase));
        string? boundary = parameter?.Value?.Trim('"');
        return string.IsNullOrEmpty(boundary) ? null : boundary;
    }

    /// <summary>The parts of the body; a part whose closing delimiter is missing (a truncated body) is left out.</summary>
    internal static IReadOnlyList<MultipartPart> Read(ReadOnlyMemory<byte> body, string boundary)
    {
        var parts = new List<MultipartPart>();
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        byte[] lineDelimiter = Encoding.ASCII.GetBytes("\n--" + boundary);
        ReadOnlySpan<byte> span = body.Span;

        // The first delimiter is at the very start or at the start of a line (after a preamble).
        int position = span.StartsWith(delimiter) ? 0 : FindDelimiter(span, lineDelimiter, 0) + 1;
        if (position == 0 && !span.StartsWith(delimiter)) return parts;

        while (true)
        {
            position += delimiter.Length;
            if (span[position..].StartsWith("--"u8)) break; // the closing delimiter
            int lineEnd = span[position..].IndexOf((byte)'\n');
            if (lineEnd < 0) break;
            int start = position + lineEnd + 1;

            int next = FindDelimiter(span, lineDelimiter, start - 1);
            if (next < 0) break;
            int end = next > start && span[next - 1] == '\r' ? next - 1 : next; // the line break belongs to the delimiter
            if (end >= start) parts.Add(ReadPart(body[start..end]));
            position = next + 1;
        }

        return parts;
    }

    private static MultipartPart ReadPart(ReadOnlyMemory<byte> part)
    {
        ReadOnlySpan<byte> span = part.Span;
        int headersEnd = span.IndexOf("\r\n\r\n"u8);
        int separator = 4;
        int bareLf = span.IndexOf("\n\n"u8);
        if (headersEnd < 0 || (bareLf >= 0 && bareLf < headersEnd))
        {
            headersEnd = bareLf;
            separator = 2;
        }

        if (span.StartsWith("\r\n"u8) || span.StartsWith("\n"u8))
        {
            // No headers at all: the content starts after the empty line.
            int skip = span.StartsWith("\r\n"u8) ? 2 : 1;
            return new MultipartPart(null, null, null, part[skip..]);
        }

        if (headersEnd < 0) return new MultipartPart(null, null, null, ReadOnlyMemory<byte>.Empty);

        string? name = null, fileName = null, contentType = null;
        foreach (string line in Encoding.UTF8.GetString(span[..headersEnd]).Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string header = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (header.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)
                && ContentDispositionHeaderValue.TryParse(value, out ContentDispositionHeaderValue? disposition))
            {
                name = Unquote(disposition.Name);
                fileName = Unquote(disposition.FileNameStar) ?? Unquote(disposition.FileName);
            }
            else if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
        }

        return new MultipartPart(name, fileName, contentType, part[(headersEnd + separator)..]);
    }

    /// <summary>
    /// The index of the next <c>\n--boundary</c> at or after <paramref name="start"/> that is a real delimiter: followed by
    /// <c>--</c>, a line break, or transport padding (spaces), not by more boundary-like text.
    /// </summary>
    private static int FindDelimiter(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lineDelimiter, int start)
    {
        while (start >= 0 && start <= span.Length)
        {
            int index = span[start..].IndexOf(lineDelimiter);
            if (index < 0) return -1;
            int found = start + index;
            int after = found + lineDelimiter.Length;
            if (after >= span.Length || span[after] is (byte)'-' or (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') return found;
            start = found + 1;
        }

        return -1;
    }

    private static string? Unquote(string? value) => value is null ? null : value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
