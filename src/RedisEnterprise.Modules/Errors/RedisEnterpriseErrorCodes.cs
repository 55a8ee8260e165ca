namespace RedisEnterprise.Modules;

/// <summary>
/// The documented <c>error_code</c> values of the cluster's module and database answers, to compare
/// <see cref="RedisEnterpriseException.ErrorCode"/> with. Each names the exception the SDK throws for it.
/// </summary>
public static class RedisEnterpriseErrorCodes
{
    /// <summary>An upload carried no module file, or the cluster could not find it: <see cref="ModuleFileMissingException"/>.</summary>
    public const string NoModule = "no_module";

    /// <summary>
    /// The module is corrupted or its packaged files are wrong (on Redis Software 8 also a module configuration the cluster
    /// does not accept): <see cref="InvalidModuleException"/>.
    /// </summary>
    public const string InvalidModule = "invalid_module";

    /// <summary>The cluster already has this module, same name and version: <see cref="ModuleAlreadyExistsException"/>.</summary>
    public const string ModuleExists = "module_exists";

    /// <summary>
    /// The module needs a newer Redis Software version than the cluster runs (the package's <c>min_redis_pack_version</c>):
    /// <see cref="IncompatibleClusterVersionException"/>.
    /// </summary>
    public const string MinRedisPackVersion = "min_redis_pack_version";

    /// <summary>
    /// The module does not support capabilities that the cluster or the database's configuration requires:
    /// <see cref="UnsupportedModuleCapabilitiesException"/>.
    /// </summary>
    public const string UnsupportedModuleCapabilities = "unsupported_module_capabilities";

    /// <summary>The module is not built for the operating system of the cluster's nodes: <see cref="UnsupportedOperatingSystemException"/>.</summary>
    public const string OsNotSupported = "os_not_supported";

    /// <summary>
    /// A <c>/v1/modules</c> request was used for a module with dependencies; the <c>/v2/modules</c> requests take them:
    /// <see cref="DependenciesNotSupportedException"/>.
    /// </summary>
    public const string DependenciesNotSupported = "dependencies_not_supported";

    /// <summary>The module's dependencies have an unexpected format (<c>POST /v2/modules</c>): <see cref="InvalidDependencyDataException"/>.</summary>
    public const string InvalidDependencyData = "invalid_dependency_data";

    /// <summary>
    /// Redis Software 8.2 and later: the cluster's <c>allow_modules_upload</c> setting is off, so it refuses module
    /// configurations and packages whatever the user's role (403): <see cref="ModuleUploadDisabledException"/>.
    /// </summary>
    public const string ModulesUploadDisabled = "modules_upload_disabled";

    /// <summary>A database still uses the module, so the cluster does not delete it (406): <see cref="ModuleInUseException"/>.</summary>
    public const string ModuleInUse = "module_in_use";

    /// <summary>There is no database with the uid the request names: <see cref="DatabaseNotFoundException"/>.</summary>
    public const string DbNotExist = "db_not_exist";

    /// <summary>
    /// The upgrade would load a lower version of a module than the database loads now (406):
    /// <see cref="ModuleDowngradeNotSupportedException"/>.
    /// </summary>
    public const string ModuleDowngradeUnsupported = "module_downgrade_unsupported";

    /// <summary>
    /// The database upgrade cannot be done, e.g. no version of a module fits the target Redis version (400; the cluster's
    /// reason is in <see cref="RedisEnterpriseException.ServerMessage"/>): <see cref="DatabaseUpgradeFailedException"/>.
    /// </summary>
    public const string UpgradeBdbFailed = "upgrade_bdb_failed";

    /// <summary>The database upgrade does not fit the cluster's Redis upgrade policy (400): <see cref="DatabaseUpgradeFailedException"/>.</summary>
    public const string RedisUpgradePolicyMismatch = "redis_upgrade_policy_mismatch";

    /// <summary>The module does not fit the database's Redis version: <see cref="IncompatibleClusterVersionException"/>.</summary>
    public const string RedisIncompatibleVersion = "redis_incompatible_version";

    /// <summary>The module needs a newer Redis Software version than the cluster runs: <see cref="IncompatibleClusterVersionException"/>.</summary>
    public const string RedisPackIncompatibleVersion = "redis_pack_incompatible_version";

    /// <summary>A module the request names is not on the cluster: <see cref="ModuleNotFoundException"/>.</summary>
    public const string MissingModule = "missing_module";

    /// <summary>
    /// Redis Software 8: a delete of a module configuration or of a node's artifact failed; seen as 404 for one that is
    /// not there, which the SDK throws as <see cref="ModuleNotFoundException"/> (it goes by the status and the request, as
    /// for a 404 without a code).
    /// </summary>
    public const string ModuleDeleteFailed = "module_delete_failed";
}
