using System.Text.Json;
using System.Text.Json.Serialization;
using RedisEnterprise.Modules.Models;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules;

/// <summary>
/// A cluster action (task or state machine), as returned by <c>GET /v1/actions/{action_uid}</c> and
/// <c>GET /v2/actions/{action_uid}</c>. Uploads and deletes through the v2 endpoints return the
/// <c>action_uid</c> of one.
/// </summary>
public sealed record ActionInfo : IJsonOnDeserialized
{
    private string? _errorMessage;

    /// <summary>The action's unique ID.</summary>
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ActionUid { get; internal set; }

    /// <summary>The action's name, e.g. <c>module_upload</c>.</summary>
    [JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The status as the cluster spelled it, e.g. <c>running</c>.</summary>
    [JsonPropertyName("status"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? RawStatus { get; internal set; }

    /// <summary>The status, parsed; <see cref="ActionStatus.Unknown"/> for a value this SDK does not know.</summary>
    [JsonIgnore]
    public ActionStatus Status => ActionStatusNames.Parse(RawStatus);

    /// <summary>Whether the action has ended (completed, failed, cancelled or aborted).</summary>
    [JsonIgnore]
    public bool IsTerminal => Status is ActionStatus.Completed or ActionStatus.Failed or ActionStatus.Cancelled or ActionStatus.Aborted;

    /// <summary>Progress from 0 to 100, when the cluster reports it (it may arrive as a string or be missing).</summary>
    [JsonPropertyName("progress"), JsonConverter(typeof(LenientDoubleConverter)), JsonInclude]
    public double? Progress { get; internal set; }

    /// <summary>The node that runs the action.</summary>
    [JsonPropertyName("node_uid"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? NodeUid { get; internal set; }

    /// <summary>The object the action works on, e.g. <c>cluster</c> or <c>bdb:1</c>.</summary>
    [JsonPropertyName("object_name"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ObjectName { get; internal set; }

    /// <summary>The state-machine state, for state machines.</summary>
    [JsonPropertyName("state"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? State { get; internal set; }

    /// <summary>The task ID, for tasks.</summary>
    [JsonPropertyName("task_id"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? TaskId { get; internal set; }

    /// <summary>The kind of action on v2: <c>task</c>, <c>state-machine</c> or <c>other</c>.</summary>
    [JsonPropertyName("action_type"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ActionType { get; internal set; }

    /// <summary>When the action was created.</summary>
    [JsonPropertyName("creation_time"), JsonConverter(typeof(LenientTimestampConverter)), JsonInclude]
    public DateTimeOffset? CreationTime { get; internal set; }

    /// <summary>When the action last reported that it is alive.</summary>
    [JsonPropertyName("heartbeat"), JsonConverter(typeof(LenientTimestampConverter)), JsonInclude]
    public DateTimeOffset? Heartbeat { get; internal set; }

    /// <summary>The error code of a failed action, e.g. <c>insufficient_resources</c>.</summary>
    [JsonPropertyName("error_code"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ErrorCode { get; internal set; }

    /// <summary>
    /// The error message of a failed action, from <c>error_message</c>, <c>error</c> (state machines) or
    /// <c>additional_info.error</c> (v2), whichever is present.
    /// </summary>
    [JsonPropertyName("error_message"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    public string? ErrorMessage { get => _errorMessage; internal set => _errorMessage = value; }

    /// <summary>Extra details that v2 actions carry.</summary>
    [JsonPropertyName("additional_info"), JsonInclude]
    public ActionAdditionalInfo? AdditionalInfo { get; internal set; }

    /// <summary>Operations still pending, as the cluster sent them.</summary>
    [JsonPropertyName("pending_ops"), JsonInclude]
    public JsonElement? PendingOps { get; internal set; }

    /// <summary>Fields the cluster sent that this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonPropertyName("error"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    internal string? Error { get; set; }

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    // LINQPad's Dump() calls this by convention: the fields a person scans, enums as names.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0051", Justification = "LINQPad calls ToDump() by convention.")]
    private object ToDump() => new { ActionUid, Name, Status, Progress, ErrorCode, ErrorMessage, CreationTime, ObjectName };

    void IJsonOnDeserialized.OnDeserialized() => _errorMessage ??= Error ?? AdditionalInfo?.Error;

    /// <inheritdoc />
    public override string ToString()
    {
        string progress = Progress is { } value ? $" {value:0.#}%" : string.Empty;
        string error = ErrorMessage is null && ErrorCode is null ? string.Empty : $" ({ErrorCode}{(ErrorCode is null || ErrorMessage is null ? "" : ": ")}{ErrorMessage})";
        return $"action {ActionUid} {RawStatus ?? "(no status)"}{progress}{error}";
    }
}
