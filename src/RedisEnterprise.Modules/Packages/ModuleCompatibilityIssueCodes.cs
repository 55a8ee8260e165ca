namespace RedisEnterprise.Modules;

/// <summary>
/// The codes of <see cref="ModuleCompatibilityIssue.Code"/>; where the cluster has an error code for the same refusal, it is
/// the same (<see cref="RedisEnterpriseErrorCodes"/>). A package that is not valid adds the package validation's own codes (<see cref="ModulePackageProblemCodes"/>).
/// </summary>
public static class ModuleCompatibilityIssueCodes
{
    /// <summary>A problem: the package names operating systems (<c>os_list</c>, <c>operating_systems</c>) and a node runs none of them.</summary>
    public const string OsNotSupported = RedisEnterpriseErrorCodes.OsNotSupported;

    /// <summary>A problem: the package is built for another CPU architecture (<c>architecture</c>) than a node has.</summary>
    public const string ArchitectureMismatch = "architecture_mismatch";

    /// <summary>A problem: a node runs a Redis Software version older than the package's <c>min_redis_pack_version</c>.</summary>
    public const string ClusterVersionTooOld = RedisEnterpriseErrorCodes.MinRedisPackVersion;

    /// <summary>
    /// Redis Software 8.2 and later: the cluster's <c>allow_modules_upload</c> is off. A problem, or a warning when the upload
    /// will switch uploads on for itself (<see cref="UploadModuleOptions.EnableModuleUploads"/>).
    /// </summary>
    public const string ModulesUploadDisabled = RedisEnterpriseErrorCodes.ModulesUploadDisabled;

    /// <summary>A warning: the package is larger than the cluster is known to take (500 MB).</summary>
    public const string PackageTooLarge = "package_too_large";

    /// <summary>A warning: the package is larger than the cluster's <c>module_upload_max_size_mb</c> (which bounds uploads through the web UI at least).</summary>
    public const string LargerThanUploadLimit = "larger_than_upload_limit";

    /// <summary>A warning: the cluster already has this module version (<see cref="ModuleCompatibilityReport.AlreadyInstalled"/>); uploading it again answers <see cref="RedisEnterpriseErrorCodes.ModuleExists"/>.</summary>
    public const string AlreadyInstalled = RedisEnterpriseErrorCodes.ModuleExists;

    /// <summary>A warning: no database of this cluster could load this module version (the rule of <c>compatible_redis_version</c>, or else of the Redis major version).</summary>
    public const string NoCompatibleDatabase = "no_compatible_database";

    /// <summary>A warning: a database loads an older version of the module but may not move to this one (<see cref="ModuleCompatibilityIssue.DatabaseUid"/> names it).</summary>
    public const string UpgradeNotAllowed = "upgrade_not_allowed";

    /// <summary>A warning: the nodes run different Redis Software versions (a rolling upgrade): the lowest decides what the cluster accepts.</summary>
    public const string MixedNodeVersions = "mixed_node_versions";

    /// <summary>A warning: a node does not report its operating system, architecture or version, so that part was not checked for it.</summary>
    public const string NodePlatformUnknown = "node_platform_unknown";

    /// <summary>A warning: part of the cluster could not be read (an answer of 403 or 404), so the checks that need it were skipped.</summary>
    public const string NotChecked = "not_checked";
}
