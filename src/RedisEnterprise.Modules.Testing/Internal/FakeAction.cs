using System.Globalization;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// A task: a module upload or delete, or a database upgrade. Its state moves only when it is polled: the first poll sees
/// <c>queued</c>, later ones <c>running</c>, and poll number <c>pollsToComplete</c> sees <c>completed</c> (or <c>failed</c>);
/// its effect applies when it completes.
/// </summary>
internal sealed class FakeAction
{
    private readonly int _pollsToComplete;
    private readonly long _creationTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly Action _complete;

    /// <summary>A task on <paramref name="objectType"/> <paramref name="objectUid"/>; <paramref name="complete"/> is its effect, run once under the cluster's lock.</summary>
    internal FakeAction(string name, string description, string objectType, string objectUid, int pollsToComplete, ClusterError? failure, Action complete, FakeModule? uploading = null)
    {
        Name = name;
        Description = description;
        ObjectType = objectType;
        ObjectUid = objectUid;
        Uploading = uploading;
        _pollsToComplete = pollsToComplete;
        Failure = failure;
        _complete = complete;
    }

    /// <summary>A uid in the shape real clusters use, e.g. <c>dfc0152c-8449-4b1c-9184-480ea7cb526c</c>.</summary>
    internal string Uid { get; } = Guid.NewGuid().ToString("D");

    internal string Name { get; }

    internal string Description { get; }

    /// <summary><c>module</c> or <c>bdb</c>.</summary>
    internal string ObjectType { get; }

    internal string ObjectUid { get; }

    /// <summary>The module an upload stores when it completes; <see langword="null"/> for other tasks.</summary>
    internal FakeModule? Uploading { get; }

    /// <summary>The error the action ends with, or <see langword="null"/> when it completes.</summary>
    internal ClusterError? Failure { get; }

    internal int Polls { get; private set; }

    internal bool IsTerminal => Polls >= _pollsToComplete;

    internal string Status => IsTerminal ? (Failure is null ? "completed" : "failed") : Polls <= 1 ? "queued" : "running";

    /// <summary>The error once the action has ended <c>failed</c>; <see langword="null"/> before it ends and when it completes.</summary>
    private ClusterError? FailedWith => IsTerminal ? Failure : null;

    /// <summary>0 while queued, rising while running, 100 when completed; a failed action keeps the progress it had reached.</summary>
    internal double Progress
    {
        get
        {
            if (IsTerminal && Failure is null) return 100;
            int step = IsTerminal ? Polls - 2 : Polls - 1;
            return _pollsToComplete <= 1 || step <= 0 ? 0 : Math.Round(100.0 * step / (_pollsToComplete - 1), 1);
        }
    }

    /// <summary>Counts one poll; when this poll ends the action and it completes, its effect applies now, once.</summary>
    internal void Poll()
    {
        if (IsTerminal) return;
        Polls++;
        if (IsTerminal && Failure is null) _complete();
    }

    private string ObjectName => ObjectType == "bdb" ? $"bdb:{ObjectUid}" : "cluster";

    /// <summary>
    /// The action as <c>GET /v1/actions/{uid}</c> shows a task: <c>progress</c>, <c>node_uid</c> and <c>creation_time</c>
    /// as strings, as real v1 tasks send them.
    /// </summary>
    internal string ToV1Json() => ClusterJson.Write(writer =>
    {
        writer.WriteString("action_uid", Uid);
        writer.WriteString("name", Name);
        writer.WriteString("status", Status);
        writer.WriteString("progress", Progress.ToString("0.#", CultureInfo.InvariantCulture));
        writer.WriteString("node_uid", "1");
        writer.WriteString("object_name", ObjectName);
        writer.WriteString("task_id", Uid);
        writer.WriteString("creation_time", _creationTime.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("heartbeat", _creationTime.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartObject("pending_ops");
        writer.WriteEndObject();
        WriteFailure(writer);
    });

    /// <summary>The action as <c>GET /v2/actions/{uid}</c> shows it: numbers as numbers, plus <c>action_type</c> and <c>additional_info</c>.</summary>
    internal string ToV2Json() => ClusterJson.Write(writer =>
    {
        writer.WriteString("action_uid", Uid);
        writer.WriteString("name", Name);
        writer.WriteString("status", Status);
        writer.WriteNumber("progress", Progress);
        writer.WriteString("node_uid", "1");
        writer.WriteString("object_name", ObjectName);
        writer.WriteNumber("creation_time", _creationTime);
        writer.WriteString("action_type", "task");
        writer.WriteStartObject("additional_info");
        writer.WriteString("description", Description);
        writer.WriteString("object_type", ObjectType);
        writer.WriteString("object_uid", ObjectUid);
        if (FailedWith is { } failure) writer.WriteString("error", failure.Message);
        writer.WriteStartObject("pending_ops");
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteFailure(writer);
    });

    private void WriteFailure(Utf8JsonWriter writer)
    {
        if (FailedWith is not { } failure) return;
        writer.WriteString("error_code", failure.Code);
        writer.WriteString("error_message", failure.Message);
    }
}
