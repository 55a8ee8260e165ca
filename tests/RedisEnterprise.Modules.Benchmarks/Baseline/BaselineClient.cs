using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Benchmarks.Baseline;

/// <summary>
/// What a user would write by hand instead of the SDK: one <see cref="HttpClient"/> with Basic credentials,
/// <c>GetFromJsonAsync</c> with source-generated metadata for plain DTOs, and a multipart upload of a file stream.
/// </summary>
public sealed class BaselineClient : IDisposable
{
    private readonly HttpClient _http;

    public BaselineClient(Uri endpoint, string username, string password, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: handler is null)
        {
            BaseAddress = endpoint,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<List<ModuleDto>> ListModulesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/modules", BaselineJsonContext.Default.ListModuleDto, cancellationToken);

    /// <summary>The same request, read into the SDK's own model: separates what the model costs from what the SDK's pipeline costs.</summary>
    public Task<IReadOnlyList<ModuleInfo>> ListSdkModelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/modules", ModulesJsonContext.Default.IReadOnlyListModuleInfo, cancellationToken);

    public Task<ModuleDto> GetModuleAsync(string uid, CancellationToken cancellationToken = default) =>
        GetAsync("/v1/modules/" + Uri.EscapeDataString(uid), BaselineJsonContext.Default.ModuleDto, cancellationToken);

    public Task<List<NodeDto>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/nodes", BaselineJsonContext.Default.ListNodeDto, cancellationToken);

    public Task<ClusterDto> GetClusterAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/cluster", BaselineJsonContext.Default.ClusterDto, cancellationToken);

    public Task<List<ArtifactDto>> ListArtifactsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v2/local/modules/user-defined/artifacts", BaselineJsonContext.Default.ListArtifactDto, cancellationToken);

    public Task<List<DatabaseDto>> ListDatabasesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v1/bdbs", BaselineJsonContext.Default.ListDatabaseDto, cancellationToken);

    public Task<DatabaseDto> GetDatabaseAsync(int uid, CancellationToken cancellationToken = default) =>
        GetAsync("/v1/bdbs/" + uid.ToString(CultureInfo.InvariantCulture), BaselineJsonContext.Default.DatabaseDto, cancellationToken);

    public Task<ActionDto> GetActionAsync(string actionUid, CancellationToken cancellationToken = default) =>
        GetAsync("/v1/actions/" + Uri.EscapeDataString(actionUid), BaselineJsonContext.Default.ActionDto, cancellationToken);

    /// <summary>
    /// The textbook streaming upload: <see cref="MultipartFormDataContent"/> around a <see cref="StreamContent"/> of the file;
    /// with <paramref name="expectContinue"/>, sent with <c>Expect: 100-continue</c> as the SDK (and curl) do.
    /// </summary>
    public async Task<ModuleDto> UploadModuleAsync(string path, bool expectContinue = false, CancellationToken cancellationToken = default)
    {
        await using FileStream file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(part, "module", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/modules") { Content = content };
        if (expectContinue) request.Headers.ExpectContinue = true;
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(BaselineJsonContext.Default.ModuleDto, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("empty answer");
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(path, type, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("empty answer");

    public void Dispose() => _http.Dispose();
}

/// <summary>A module as a plain DTO: the same fields the SDK's <c>ModuleInfo</c> models, no lenient converters, unknown keys ignored.</summary>
public sealed class ModuleDto
{
    public string? Uid { get; set; }
    public string? ModuleName { get; set; }
    public string? DisplayName { get; set; }
    public string? SemanticVersion { get; set; }
    public long? Version { get; set; }
    public string? Author { get; set; }
    public string? Email { get; set; }
    public string? Description { get; set; }
    public string? Homepage { get; set; }
    public string? License { get; set; }
    public string? CommandLineArgs { get; set; }
    public string? ConfigCommand { get; set; }
    public string? CapabilityName { get; set; }
    public List<string>? Capabilities { get; set; }
    public string? MinRedisVersion { get; set; }
    public string? MinRedisPackVersion { get; set; }
    public string? CompatibleRedisVersion { get; set; }
    public string? Sha256 { get; set; }
    public string? ModuleFile { get; set; }
    public bool? IsBundled { get; set; }

    [JsonPropertyName("bigstore_version_2_support")]
    public bool? BigstoreVersion2Support { get; set; }

    public CrdbDto? Crdb { get; set; }
    public Dictionary<string, DependencyDto>? Dependencies { get; set; }
    public Dictionary<string, PlatformDto>? Platforms { get; set; }
    public string? Architecture { get; set; }
    public string? Os { get; set; }
    public List<string>? OsList { get; set; }
    public string? ActionUid { get; set; }
}

public sealed class DependencyDto
{
    public string? Url { get; set; }
    public string? Sha256 { get; set; }
}

public sealed class PlatformDto
{
    public Dictionary<string, DependencyDto>? Dependencies { get; set; }
    public string? Sha256 { get; set; }
}

public sealed class CrdbDto
{
    public List<int>? SupportedFeaturesetVersions { get; set; }
}

/// <summary>An action as a plain DTO (numbers may arrive as strings, as clusters send them).</summary>
public sealed class ActionDto
{
    public string? ActionUid { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public double? Progress { get; set; }
    public string? NodeUid { get; set; }
    public string? ObjectName { get; set; }
    public string? TaskId { get; set; }
    public long? CreationTime { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public JsonElement? PendingOps { get; set; }
}

/// <summary>The fields of <c>GET /v1/nodes</c> the SDK's <see cref="NodeInfo"/> reads.</summary>
public sealed class NodeDto
{
    public int Uid { get; set; }
    [JsonPropertyName("addr")]
    public string? Address { get; set; }
    [JsonPropertyName("external_addr")]
    public List<string>? ExternalAddresses { get; set; }
    public string? Status { get; set; }
    public string? SoftwareVersion { get; set; }
    public string? OsName { get; set; }
    public string? OsSemanticVersion { get; set; }
    public string? OsVersion { get; set; }
    public string? Architecture { get; set; }
    public List<SupportedDatabaseVersionDto>? SupportedDatabaseVersions { get; set; }
    public int? ShardCount { get; set; }
}

public sealed class SupportedDatabaseVersionDto
{
    public string? DbType { get; set; }
    public string? RedisVersion { get; set; }
    public string? Version { get; set; }
    public bool? Major { get; set; }
}

/// <summary>The fields of <c>GET /v1/cluster</c> the SDK's <see cref="ClusterInfo"/> reads.</summary>
public class ClusterDto
{
    public string? Name { get; set; }
    [JsonPropertyName("cnm_https_port")]
    public int? RestApiPort { get; set; }
    public long? ModuleUploadMaxSizeMb { get; set; }
    public bool? AllowModulesUpload { get; set; }
}

/// <summary><see cref="ClusterDto"/> keeping every other key, as the SDK's <see cref="ClusterInfo.AdditionalData"/> does.</summary>
public sealed class ClusterWithRestDto : ClusterDto
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; set; }
}

/// <summary><see cref="ClusterDto"/> keeping every other key as a <see cref="System.Text.Json.Nodes.JsonObject"/>.</summary>
public sealed class ClusterWithRestNodeDto : ClusterDto
{
    [JsonExtensionData]
    public System.Text.Json.Nodes.JsonObject? Rest { get; set; }
}

/// <summary>The fields of <c>GET /v1/bdbs/{uid}</c> the SDK's <see cref="DatabaseInfo"/> reads.</summary>
public sealed class DatabaseDto
{
    public int Uid { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? RedisVersion { get; set; }
    public string? Version { get; set; }
    public List<DatabaseModuleDto>? ModuleList { get; set; }
    public string? ActionUid { get; set; }
}

public sealed class DatabaseModuleDto
{
    public string? ModuleId { get; set; }
    public string? ModuleName { get; set; }
    public string? SemanticVersion { get; set; }
    public string? ModuleArgs { get; set; }
}

public sealed class ArtifactDto
{
    public string? ModuleName { get; set; }
    public long Version { get; set; }
    public List<string>? Dependencies { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(List<NodeDto>))]
[JsonSerializable(typeof(ClusterDto))]
[JsonSerializable(typeof(ClusterWithRestDto))]
[JsonSerializable(typeof(ClusterWithRestNodeDto))]
[JsonSerializable(typeof(List<ArtifactDto>))]
[JsonSerializable(typeof(List<DatabaseDto>))]
[JsonSerializable(typeof(DatabaseDto))]
[JsonSerializable(typeof(List<ModuleDto>))]
[JsonSerializable(typeof(ModuleDto))]
[JsonSerializable(typeof(ActionDto))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
