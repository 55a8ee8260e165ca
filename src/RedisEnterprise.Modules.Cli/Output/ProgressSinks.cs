namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>Where an upload and an action wait report, or nothing when no progress is drawn.</summary>
internal sealed record ProgressSinks(IProgress<UploadProgress>? Upload, IProgress<ActionInfo>? Action)
{
    public static ProgressSinks None { get; } = new(null, null);
}
