using System.Text.Json;
using System.Text.Json.Serialization;
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
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? ActionUid { get; init; }

    /// <summary>The action's name, e.g. <c>module_upload</c>.</summary>
    [JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter))]
    public string? Name { get; init; }

    /// <summary>The status as the cluster spelled it, e.g. <c>running</c>.</summary>
    [JsonPropertyName("status"), JsonConverter(typeof(LenientStringConverter))]
    public string? RawStatus { get; init; }

    /// <summary>The status, parsed; <see cref="ActionStatus.Unknown"/> for a value this SDK does not know.</summary>
    [JsonIgnore]
    public ActionStatus Status => ActionStatusNames.Parse(RawStatus);

    /// <summary>Whether the action has ended (completed, failed, cancelled or aborted).</summary>
    [JsonIgnore]
    public bool IsTerminal => Status is ActionStatus.Completed or ActionStatus.Failed or ActionStatus.Cancelled or ActionStatus.Aborted;

    /// <summary>Progress from 0 to 100, when the cluster reports it (it may arrive as a string or be missing).</summary>
    [JsonPropertyName("progress"), JsonConverter(typeof(LenientDoubleConverter))]
    public double? Progress { get; init; }

    /// <summary>The node that runs the action.</summary>
    [JsonPropertyName("node_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? NodeUid { get; init; }

    /// <summary>The object the action works on, e.g. <c>cluster</c> or <c>bdb:1</c>.</summary>
    [JsonPropertyName("object_name"), JsonConverter(typeof(LenientStringConverter))]
    public string? ObjectName { get; init; }

    /// <summary>The state-machine state, for state machines.</summary>
    [JsonPropertyName("state"), JsonConverter(typeof(LenientStringConverter))]
    public string? State { get; init; }

    /// <summary>The task ID, for tasks.</summary>
    [JsonPropertyName("task_id"), JsonConverter(typeof(LenientStringConverter))]
    public string? TaskId { get; init; }

    /// <summary>The kind of action on v2: <c>task</c>, <c>state-machine</c> or <c>other</c>.</summary>
    [JsonPropertyName("action_type"), JsonConverter(typeof(LenientStringConverter))]
    public string? ActionType { get; init; }

    /// <summary>When the action was created.</summary>
    [JsonPropertyName("creation_time"), JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When the action last reported that it is alive.</summary>
    [JsonPropertyName("heartbeat"), JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? Heartbeat { get; init; }

    /// <summary>The error code of a failed action, e.g. <c>insufficient_resources</c>.</summary>
    [JsonPropertyName("error_code"), JsonConverter(typeof(LenientStringConverter))]
    public string? ErrorCode { get; init; }

    /// <summary>
    /// The error message of a failed action, from <c>error_message</c>, <c>error</c> (state machines) or
    /// <c>additional_info.error</c> (v2), whichever is present.
    /// </summary>
    [JsonPropertyName("error_message"), JsonConverter(typeof(LenientStringConverter))]
    public string? ErrorMessage { get => _errorMessage; init => _errorMessage = value; }

    /// <summary>Extra details that v2 actions carry.</summary>
    [JsonPropertyName("additional_info")]
    public ActionAdditionalInfo? AdditionalInfo { get; init; }

    /// <summary>Operations still pending, as the cluster sent them.</summary>
    [JsonPropertyName("pending_ops")]
    public JsonElement? PendingOps { get; init; }

    /// <summary>Fields the cluster sent that this type does not model, kept as raw JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalData => ExtensionData ?? JsonModelDefaults.NoAdditionalData;

    [JsonPropertyName("error"), JsonConverter(typeof(LenientStringConverter)), JsonInclude]
    internal string? Error { get; set; }

    [JsonExtensionData, JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    // LINQPad's Dump() calls this by convention: the fields a person scans, enums as names.
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

/// <summary>The <c>additional_info</c> object of a v2 action.</summary>
public sealed record ActionAdditionalInfo
{
    /// <summary>A description of what the action does.</summary>
    [JsonPropertyName("description"), JsonConverter(typeof(LenientStringConverter))]
    public string? Description { get; init; }

    /// <summary>The error, when the action failed.</summary>
    [JsonPropertyName("error"), JsonConverter(typeof(LenientStringConverter))]
    public string? Error { get; init; }

    /// <summary>The type of object the action works on.</summary>
    [JsonPropertyName("object_type"), JsonConverter(typeof(LenientStringConverter))]
    public string? ObjectType { get; init; }

    /// <summary>The uid of the object the action works on.</summary>
    [JsonPropertyName("object_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? ObjectUid { get; init; }

    /// <summary>Operations still pending, as the cluster sent them.</summary>
    [JsonPropertyName("pending_ops")]
    public JsonElement? PendingOps { get; init; }
}

/// <summary>The body of <c>DELETE /v2/modules/{uid}</c>: the action that tracks the deletion.</summary>
public sealed record ActionReference
{
    /// <summary>The action's unique ID.</summary>
    [JsonPropertyName("action_uid"), JsonConverter(typeof(LenientStringConverter))]
    public string? ActionUid { get; init; }
}

internal static class ActionStatusNames
{
    internal static ActionStatus Parse(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "queued" => ActionStatus.Queued,
        "starting" => ActionStatus.Starting,
        "running" => ActionStatus.Running,
        "pending" => ActionStatus.Pending,
        "active" => ActionStatus.Active,
        "cancelling" or "canceling" => ActionStatus.Cancelling,
        "cancelled" or "canceled" => ActionStatus.Cancelled,
        "aborted" => ActionStatus.Aborted,
        "completed" => ActionStatus.Completed,
        "failed" => ActionStatus.Failed,
        _ => ActionStatus.Unknown,
    };
}
