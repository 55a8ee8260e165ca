using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules;

/// <summary>
/// 403 <c>modules_upload_disabled</c> (Redis Software 8.2 and later): the cluster's <c>allow_modules_upload</c> setting is off,
/// so it refuses module configurations and packages whatever the user's role.
/// </summary>
public class ModuleUploadDisabledException : RedisEnterpriseException
{
    /// <summary>What the caller can do about it, in every message of this exception.</summary>
    internal const string HowToEnable =
        "Module uploads are switched off on this cluster (allow_modules_upload is false, the default from Redis Software 8.2). " +
        "Set UploadModuleOptions.EnableModuleUploads to switch them on for the install (and off again after it), " +
        "or switch them on for good with PUT " + Routes.Cluster + " {\"allow_modules_upload\": true} (admin role).";

    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public ModuleUploadDisabledException(string message) : base(message, 403, RedisEnterpriseErrorCodes.ModulesUploadDisabled) { }

    internal ModuleUploadDisabledException(ErrorDetails details) : base(details, HowToEnable) { }
}
