using System.Text.Json.Serialization;

namespace RedisEnterprise.Modules.Transport;

/// <summary>The body of <c>PUT /v1/cluster</c> that switches module uploads on or off: that one key, nothing else of the cluster.</summary>
internal sealed class ModuleUploadSetting
{
    [JsonPropertyName("allow_modules_upload")]
    public bool AllowModulesUpload { get; set; }
}
