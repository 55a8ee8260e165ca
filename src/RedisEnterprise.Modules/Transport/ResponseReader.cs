using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Transport;

/// <summary>
/// Reads every answer the client gets, in one way: an error answer becomes the error map's exception, a success answer is
/// deserialized by the source-generated metadata. Every read of a body takes the call's token. Refit's own deserializer is
/// not used: its exception factory reads error bodies without a token, and it has no room for a limit on what it reads.
/// </summary>
internal static class ResponseReader
{
    /// <summary>
    /// Answers with a declared length up to this (a list of about 1,200 modules) are read whole into a pooled buffer and parsed in
    /// one synchronous pass: the parser then runs over contiguous bytes without suspending and resuming between reads. Longer
    /// answers, and answers without a length, are parsed as they stream in, so memory stays bounded by the buffer, not the answer.
    /// </summary>
    private const int MaxWholeAnswer = 1024 * 1024;

    /// <summary>Sends, then reads the answer's body as <typeparamref name="T"/>; <paramref name="check"/> names what a read value lacks, if anything.</summary>
    internal static async Task<T> ReadAsync<T>(Task<HttpResponseMessage> sending, JsonTypeInfo<T> typeInfo, long maxBytes, Func<T, string?>? check, CancellationToken cancellationToken)
        where T : class
    {
        using (HttpResponseMessage response = await sending.ConfigureAwait(false))
        {
            await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
            T? value = await DeserializeAsync(response, typeInfo, maxBytes, cancellationToken).ConfigureAwait(false);
            string? problem = value is null ? "the answer had no body, but this endpoint promises one." : check?.Invoke(value);
            return problem is null ? value! : throw ErrorMap.Protocol(RequestRoute.Of(response.RequestMessage), (int)response.StatusCode, problem);
        }
    }

    /// <summary>Checks an answer whose body the caller does not need.</summary>
    internal static async Task EnsureSuccessAsync(Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        using (HttpResponseMessage response = await sending.ConfigureAwait(false))
        {
            await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        string? body;
        try
        {
            body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw ErrorMap.Connection(RequestRoute.Of(response.RequestMessage), e); // the call's time ran out (or its caller cancelled) mid-body
        }

        throw ErrorMap.FromAnswer(RequestRoute.Of(response.RequestMessage), (int)response.StatusCode, response.ReasonPhrase, body, Redaction.Of(response.RequestMessage));
    }

    private static async Task<T?> DeserializeAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        long? length = response.Content.Headers.ContentLength;
        if (response.StatusCode == HttpStatusCode.NoContent || length == 0) return null;
        if (length > maxBytes) throw new ResponseTooLargeException(RequestRoute.Of(response.RequestMessage), (int)response.StatusCode, maxBytes, length);
        try
        {
            Encoding? charset = Utf8OrTranscoding(response.Content);
            return length <= MaxWholeAnswer && charset is null
                ? await ReadWholeAsync(response.Content, (int)length, typeInfo, cancellationToken).ConfigureAwait(false)
                : await ReadStreamingAsync(response.Content, charset, typeInfo, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BoundedReadStream.LimitExceededException)
        {
            throw new ResponseTooLargeException(RequestRoute.Of(response.RequestMessage), (int)response.StatusCode, maxBytes, length);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            // The body broke off (a reset, a close before Content-Length, bad chunk framing) or the call ran out of time.
            throw ErrorMap.Connection(RequestRoute.Of(response.RequestMessage), e);
        }
        catch (Exception e)
        {
            throw ErrorMap.FromUnreadableBody(RequestRoute.Of(response.RequestMessage), (int)response.StatusCode, response.ReasonPhrase, e, Redaction.Of(response.RequestMessage));
        }
    }

    private static async Task<T?> ReadWholeAsync<T>(HttpContent content, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }

            ReadOnlySpan<byte> json = buffer.AsSpan(0, length);
            return UnreadKeysReading.Deserialize(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<T?> ReadStreamingAsync<T>(HttpContent content, Encoding? charset, JsonTypeInfo<T> typeInfo, long maxBytes, CancellationToken cancellationToken)
    {
        Stream body = new BoundedReadStream(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes);
        if (charset is not null) body = Encoding.CreateTranscodingStream(body, charset, Encoding.UTF8);
        await using (body.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary><see langword="null"/> for a UTF-8 body (or one that names no charset), else the encoding to transcode it from.</summary>
    /// <exception cref="ArgumentException">The charset is not one .NET knows.</exception>
    private static Encoding? Utf8OrTranscoding(HttpContent content) =>
        content.Headers.ContentType?.CharSet?.Trim('"') is { Length: > 0 } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? Encoding.GetEncoding(charset)
            : null;

    /// <summary>The start of an error body, as text; <see langword="null"/> when it cannot be read (the status still tells what happened).</summary>
    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                // Rented: 64 K chars would be a large-object allocation on every error answer, retried 503s included.
                char[] buffer = ArrayPool<char>.Shared.Rent(ErrorMap.MaxErrorBodyChars);
                try
                {
                    int total = 0, read;
                    while (total < ErrorMap.MaxErrorBodyChars && (read = await reader.ReadAsync(buffer.AsMemory(total, ErrorMap.MaxErrorBodyChars - total), cancellationToken).ConfigureAwait(false)) > 0) total += read;
                    return new string(buffer, 0, total);
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
        {
            return null;
        }
    }
}
