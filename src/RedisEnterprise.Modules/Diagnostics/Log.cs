using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Diagnostics;

/// <summary>Every log line the SDK writes, in one place. None carries credentials: paths, statuses and uids only.</summary>
internal static partial class Log
{
    /// <summary>The category of every SDK log line.</summary>
    internal const string Category = "RedisEnterprise.Modules";

    [LoggerMessage(1, LogLevel.Debug, "{Method} {Path} answered {Status} in {ElapsedMilliseconds:0} ms")]
    internal static partial void RequestCompleted(ILogger logger, string method, string path, int status, double elapsedMilliseconds);

    [LoggerMessage(2, LogLevel.Debug, "{Method} {Path} failed after {ElapsedMilliseconds:0} ms: {Error}")]
    internal static partial void RequestFailed(ILogger logger, string method, string path, double elapsedMilliseconds, string error);

    [LoggerMessage(3, LogLevel.Warning, "{Method} {Path}: retry {Attempt} in {DelayMilliseconds:0} ms after {Reason}")]
    internal static partial void Retrying(ILogger logger, string method, string path, int attempt, double delayMilliseconds, string reason);

    [LoggerMessage(4, LogLevel.Information, "Action {ActionUid} is {Status}{Progress}")]
    internal static partial void ActionStatusChanged(ILogger logger, string actionUid, string status, string progress);

    [LoggerMessage(5, LogLevel.Warning, "TLS certificate validation is OFF for {Endpoint} (SkipCertificateValidation): anyone on the path can read the credentials. Prefer TrustedCertificates or CertificateThumbprint.")]
    internal static partial void CertificateValidationSkipped(ILogger logger, Uri? endpoint);

    [LoggerMessage(6, LogLevel.Debug, "Polling {Subject}: poll failed ({Error}); polling goes on")]
    internal static partial void PollFailed(ILogger logger, string subject, string error);

    [LoggerMessage(160, LogLevel.Information, "Module management on this cluster: {Mode} (lowest node version {SoftwareVersion})")]
    internal static partial void ModuleManagementDetected(ILogger logger, ModuleManagementMode mode, string softwareVersion);

    [LoggerMessage(161, LogLevel.Information, "Switching module uploads {State} (allow_modules_upload) for an install")]
    internal static partial void SwitchingModuleUploads(ILogger logger, string state);

    [LoggerMessage(162, LogLevel.Warning, "Module uploads could not be switched off again (allow_modules_upload stays true): {Error}")]
    internal static partial void ModuleUploadsLeftOn(ILogger logger, string error);

    [LoggerMessage(163, LogLevel.Information, "Uploading {Module} to {NodeCount} node(s), {Parallel} at a time")]
    internal static partial void UploadingToNodes(ILogger logger, string module, int nodeCount, int parallel);

    [LoggerMessage(164, LogLevel.Warning, "Installing {Module} failed on node(s) {Nodes}; rolling back")]
    internal static partial void RollingBack(ILogger logger, string module, string nodes);

    [LoggerMessage(165, LogLevel.Warning, "The package is {SizeMb:0.0} MB, above the cluster's module_upload_max_size_mb ({LimitMb}); uploading anyway")]
    internal static partial void PackageAboveUploadLimit(ILogger logger, double sizeMb, long limitMb);

    [LoggerMessage(166, LogLevel.Information, "Node {NodeUid} lacks {Module}; uploading it")]
    internal static partial void RepairingNode(ILogger logger, int nodeUid, string module);

    [LoggerMessage(167, LogLevel.Warning, "Compatibility check: [{Code}] {Message}")]
    internal static partial void CompatibilityWarning(ILogger logger, string code, string message);
}
