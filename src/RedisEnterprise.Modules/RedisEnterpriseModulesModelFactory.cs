using System.Text.Json;

namespace RedisEnterprise.Modules;

/// <summary>
/// Builds the SDK's models with any values, for tests and mocks: the models' setters are the SDK's own, as the answers of a
/// cluster fill them. Every parameter is optional.
/// </summary>
/// <example>
/// <code>
/// ModuleInfo module = RedisEnterpriseModulesModelFactory.ModuleInfo(uid: "1", moduleName: "ReJSON", semanticVersion: "2.8.4");
/// ActionInfo done = RedisEnterpriseModulesModelFactory.ActionInfo(actionUid: "a1", status: "completed", progress: 100);
/// </code>
/// </example>
public static class RedisEnterpriseModulesModelFactory
{
    /// <summary>A module as the cluster describes it.</summary>
    /// <param name="uid">The module's unique ID.</param>
    /// <param name="moduleName"><c>module_name</c>, e.g. <c>ReJSON</c>.</param>
    /// <param name="displayName"><c>display_name</c>.</param>
    /// <param name="semanticVersion"><c>semantic_version</c>, e.g. <c>2.8.4</c>.</param>
    /// <param name="version"><c>version</c>, e.g. <c>20804</c>.</param>
    /// <param name="author"><c>author</c>.</param>
    /// <param name="email"><c>email</c>.</param>
    /// <param name="description"><c>description</c>.</param>
    /// <param name="homepage"><c>homepage</c>.</param>
    /// <param name="license"><c>license</c>.</param>
    /// <param name="commandLineArgs"><c>command_line_args</c>.</param>
    /// <param name="configCommand"><c>config_command</c>.</param>
    /// <param name="capabilityName"><c>capability_name</c>.</param>
    /// <param name="capabilities"><c>capabilities</c>.</param>
    /// <param name="minRedisVersion"><c>min_redis_version</c>.</param>
    /// <param name="minRedisPackVersion"><c>min_redis_pack_version</c>.</param>
    /// <param name="compatibleRedisVersion"><c>compatible_redis_version</c>.</param>
    /// <param name="sha256"><c>sha256</c>.</param>
    /// <param name="moduleFile"><c>module_file</c>.</param>
    /// <param name="bigstoreVersion2Support"><c>bigstore_version_2_support</c>.</param>
    /// <param name="dependencies"><c>dependencies</c>.</param>
    /// <param name="architecture"><c>architecture</c>.</param>
    /// <param name="os"><c>os</c>.</param>
    /// <param name="osList"><c>os_list</c>.</param>
    /// <param name="isBundled"><c>is_bundled</c>.</param>
    /// <param name="crdb"><c>crdb</c>.</param>
    /// <param name="platforms"><c>platforms</c>.</param>
    /// <param name="actionUid"><c>action_uid</c>, as an upload's answer carries it.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The module.</returns>
    public static ModuleInfo ModuleInfo(
        string uid = "",
        string? moduleName = null,
        string? displayName = null,
        string? semanticVersion = null,
        long? version = null,
        string? author = null,
        string? email = null,
        string? description = null,
        string? homepage = null,
        string? license = null,
        string? commandLineArgs = null,
        string? configCommand = null,
        string? capabilityName = null,
        IEnumerable<string>? capabilities = null,
        string? minRedisVersion = null,
        string? minRedisPackVersion = null,
        string? compatibleRedisVersion = null,
        string? sha256 = null,
        string? moduleFile = null,
        bool? bigstoreVersion2Support = null,
        IReadOnlyDictionary<string, ModuleDependency>? dependencies = null,
        string? architecture = null,
        string? os = null,
        IEnumerable<string>? osList = null,
        bool? isBundled = null,
        ModuleCrdbInfo? crdb = null,
        IReadOnlyDictionary<string, ModulePlatform>? platforms = null,
        string? actionUid = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null)
    {
        var module = new ModuleInfo { Uid = uid, IsBundled = isBundled, Crdb = crdb, Platforms = platforms, ActionUid = actionUid };
        return Describe(
            module, moduleName, displayName, semanticVersion, version, author, email, description, homepage, license, commandLineArgs, configCommand, capabilityName,
            capabilities, minRedisVersion, minRedisPackVersion, compatibleRedisVersion, sha256, moduleFile, bigstoreVersion2Support, dependencies, architecture, os, osList, additionalData);
    }

    /// <summary>The <c>module.json</c> of a module package.</summary>
    /// <param name="moduleName"><c>module_name</c>.</param>
    /// <param name="displayName"><c>display_name</c>.</param>
    /// <param name="semanticVersion"><c>semantic_version</c>.</param>
    /// <param name="version"><c>version</c>.</param>
    /// <param name="author"><c>author</c>.</param>
    /// <param name="email"><c>email</c>.</param>
    /// <param name="description"><c>description</c>.</param>
    /// <param name="homepage"><c>homepage</c>.</param>
    /// <param name="license"><c>license</c>.</param>
    /// <param name="commandLineArgs"><c>command_line_args</c>.</param>
    /// <param name="configCommand"><c>config_command</c>.</param>
    /// <param name="capabilityName"><c>capability_name</c>.</param>
    /// <param name="capabilities"><c>capabilities</c>.</param>
    /// <param name="minRedisVersion"><c>min_redis_version</c>.</param>
    /// <param name="minRedisPackVersion"><c>min_redis_pack_version</c>.</param>
    /// <param name="compatibleRedisVersion"><c>compatible_redis_version</c>.</param>
    /// <param name="sha256"><c>sha256</c>.</param>
    /// <param name="moduleFile"><c>module_file</c>.</param>
    /// <param name="bigstoreVersion2Support"><c>bigstore_version_2_support</c>.</param>
    /// <param name="dependencies"><c>dependencies</c>.</param>
    /// <param name="architecture"><c>architecture</c>.</param>
    /// <param name="os"><c>os</c>.</param>
    /// <param name="osList"><c>os_list</c>.</param>
    /// <param name="operatingSystems"><c>operating_systems</c>.</param>
    /// <param name="commands"><c>commands</c>.</param>
    /// <param name="rampFormatVersion"><c>ramp_format_version</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The package metadata.</returns>
    public static ModulePackageMetadata ModulePackageMetadata(
        string? moduleName = null,
        string? displayName = null,
        string? semanticVersion = null,
        long? version = null,
        string? author = null,
        string? email = null,
        string? description = null,
        string? homepage = null,
        string? license = null,
        string? commandLineArgs = null,
        string? configCommand = null,
        string? capabilityName = null,
        IEnumerable<string>? capabilities = null,
        string? minRedisVersion = null,
        string? minRedisPackVersion = null,
        string? compatibleRedisVersion = null,
        string? sha256 = null,
        string? moduleFile = null,
        bool? bigstoreVersion2Support = null,
        IReadOnlyDictionary<string, ModuleDependency>? dependencies = null,
        string? architecture = null,
        string? os = null,
        IEnumerable<string>? osList = null,
        IEnumerable<string>? operatingSystems = null,
        IEnumerable<ModulePackageCommand>? commands = null,
        long? rampFormatVersion = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null)
    {
        var metadata = new ModulePackageMetadata { OperatingSystems = operatingSystems?.ToList(), Commands = commands?.ToList(), RampFormatVersion = rampFormatVersion };
        return Describe(
            metadata, moduleName, displayName, semanticVersion, version, author, email, description, homepage, license, commandLineArgs, configCommand, capabilityName,
            capabilities, minRedisVersion, minRedisPackVersion, compatibleRedisVersion, sha256, moduleFile, bigstoreVersion2Support, dependencies, architecture, os, osList, additionalData);
    }

    /// <summary>A command of a module package.</summary>
    /// <param name="commandName"><c>command_name</c>.</param>
    /// <param name="commandArity"><c>command_arity</c>.</param>
    /// <param name="flags"><c>flags</c>.</param>
    /// <param name="firstKey"><c>first_key</c>.</param>
    /// <param name="lastKey"><c>last_key</c>.</param>
    /// <param name="step"><c>step</c>.</param>
    /// <returns>The command.</returns>
    public static ModulePackageCommand ModulePackageCommand(string? commandName = null, long? commandArity = null, IEnumerable<string>? flags = null, long? firstKey = null, long? lastKey = null, long? step = null) =>
        new() { CommandName = commandName, CommandArity = commandArity, Flags = flags?.ToList(), FirstKey = firstKey, LastKey = lastKey, Step = step };

    /// <summary>A dependency of a module.</summary>
    /// <param name="url"><c>url</c>.</param>
    /// <param name="sha256"><c>sha256</c>.</param>
    /// <returns>The dependency.</returns>
    public static ModuleDependency ModuleDependency(string? url = null, string? sha256 = null) => new() { Url = url, Sha256 = sha256 };

    /// <summary>A module's build for one platform.</summary>
    /// <param name="dependencies"><c>dependencies</c>.</param>
    /// <param name="sha256"><c>sha256</c>.</param>
    /// <returns>The platform.</returns>
    public static ModulePlatform ModulePlatform(IReadOnlyDictionary<string, ModuleDependency>? dependencies = null, string? sha256 = null) =>
        new() { Dependencies = dependencies, Sha256 = sha256 };

    /// <summary>A module's Active-Active support.</summary>
    /// <param name="supportedFeaturesetVersions"><c>supported_featureset_versions</c>.</param>
    /// <returns>The CRDB details.</returns>
    public static ModuleCrdbInfo ModuleCrdbInfo(IEnumerable<int>? supportedFeaturesetVersions = null) =>
        new() { SupportedFeaturesetVersions = supportedFeaturesetVersions?.ToList() };

    /// <summary>An action as the cluster reports it.</summary>
    /// <param name="actionUid"><c>action_uid</c>.</param>
    /// <param name="name"><c>name</c>, e.g. <c>module_upload</c>.</param>
    /// <param name="status"><c>status</c> as the cluster spells it, e.g. <c>completed</c> (see <see cref="Modules.ActionInfo.Status"/>).</param>
    /// <param name="progress"><c>progress</c>, 0 to 100.</param>
    /// <param name="nodeUid"><c>node_uid</c>.</param>
    /// <param name="objectName"><c>object_name</c>.</param>
    /// <param name="state"><c>state</c>.</param>
    /// <param name="taskId"><c>task_id</c>.</param>
    /// <param name="actionType"><c>action_type</c>.</param>
    /// <param name="creationTime"><c>creation_time</c>.</param>
    /// <param name="heartbeat"><c>heartbeat</c>.</param>
    /// <param name="errorCode"><c>error_code</c>.</param>
    /// <param name="errorMessage"><c>error_message</c>.</param>
    /// <param name="additionalInfo"><c>additional_info</c>.</param>
    /// <param name="pendingOps"><c>pending_ops</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The action.</returns>
    public static ActionInfo ActionInfo(
        string? actionUid = null,
        string? name = null,
        string? status = null,
        double? progress = null,
        string? nodeUid = null,
        string? objectName = null,
        string? state = null,
        string? taskId = null,
        string? actionType = null,
        DateTimeOffset? creationTime = null,
        DateTimeOffset? heartbeat = null,
        string? errorCode = null,
        string? errorMessage = null,
        ActionAdditionalInfo? additionalInfo = null,
        JsonElement? pendingOps = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            ActionUid = actionUid,
            Name = name,
            RawStatus = status,
            Progress = progress,
            NodeUid = nodeUid,
            ObjectName = objectName,
            State = state,
            TaskId = taskId,
            ActionType = actionType,
            CreationTime = creationTime,
            Heartbeat = heartbeat,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            AdditionalInfo = additionalInfo,
            PendingOps = pendingOps,
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    /// <summary>The <c>additional_info</c> of a v2 action.</summary>
    /// <param name="description"><c>description</c>.</param>
    /// <param name="error"><c>error</c>.</param>
    /// <param name="objectType"><c>object_type</c>.</param>
    /// <param name="objectUid"><c>object_uid</c>.</param>
    /// <param name="pendingOps"><c>pending_ops</c>.</param>
    /// <returns>The details.</returns>
    public static ActionAdditionalInfo ActionAdditionalInfo(string? description = null, string? error = null, string? objectType = null, string? objectUid = null, JsonElement? pendingOps = null) =>
        new() { Description = description, Error = error, ObjectType = objectType, ObjectUid = objectUid, PendingOps = pendingOps };

    /// <summary>The cluster's settings as <c>GET /v1/cluster</c> answers them.</summary>
    /// <param name="name"><c>name</c>.</param>
    /// <param name="restApiPort"><c>cnm_https_port</c>.</param>
    /// <param name="moduleUploadMaxSizeMb"><c>module_upload_max_size_mb</c>.</param>
    /// <param name="allowModulesUpload"><c>allow_modules_upload</c>; <see langword="null"/> for a cluster without the setting.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The cluster.</returns>
    public static ClusterInfo ClusterInfo(
        string? name = null,
        int? restApiPort = null,
        long? moduleUploadMaxSizeMb = null,
        bool? allowModulesUpload = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            Name = name,
            RestApiPort = restApiPort,
            ModuleUploadMaxSizeMb = moduleUploadMaxSizeMb,
            AllowModulesUpload = allowModulesUpload,
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    /// <summary>A node as <c>GET /v1/nodes</c> describes it.</summary>
    /// <param name="uid"><c>uid</c>.</param>
    /// <param name="address"><c>addr</c>.</param>
    /// <param name="externalAddresses"><c>external_addr</c>.</param>
    /// <param name="status"><c>status</c>, e.g. <c>active</c>.</param>
    /// <param name="softwareVersion"><c>software_version</c>, e.g. <c>8.2.0-25</c>.</param>
    /// <param name="osName"><c>os_name</c>.</param>
    /// <param name="osSemanticVersion"><c>os_semantic_version</c>.</param>
    /// <param name="osVersion"><c>os_version</c>.</param>
    /// <param name="architecture"><c>architecture</c>.</param>
    /// <param name="supportedDatabaseVersions"><c>supported_database_versions</c>.</param>
    /// <param name="shardCount"><c>shard_count</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The node.</returns>
    public static NodeInfo NodeInfo(
        int uid = 0,
        string? address = null,
        IEnumerable<string>? externalAddresses = null,
        string? status = null,
        string? softwareVersion = null,
        string? osName = null,
        string? osSemanticVersion = null,
        string? osVersion = null,
        string? architecture = null,
        IEnumerable<SupportedDatabaseVersion>? supportedDatabaseVersions = null,
        int? shardCount = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            Uid = uid,
            Address = address,
            ExternalAddresses = externalAddresses?.ToList(),
            Status = status,
            SoftwareVersion = softwareVersion,
            OsName = osName,
            OsSemanticVersion = osSemanticVersion,
            OsVersion = osVersion,
            Architecture = architecture,
            SupportedDatabaseVersions = supportedDatabaseVersions?.ToList(),
            ShardCount = shardCount,
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    /// <summary>A database version a node supports.</summary>
    /// <param name="dbType"><c>db_type</c>.</param>
    /// <param name="redisVersion"><c>redis_version</c>.</param>
    /// <param name="version"><c>version</c>.</param>
    /// <param name="isMajor"><c>major</c>.</param>
    /// <returns>The version.</returns>
    public static SupportedDatabaseVersion SupportedDatabaseVersion(string? dbType = null, string? redisVersion = null, string? version = null, bool? isMajor = null) =>
        new() { DbType = dbType, RedisVersion = redisVersion, Version = version, IsMajor = isMajor };

    #region Databases

    /// <summary>A database as <c>GET /v1/bdbs/{uid}</c> describes it.</summary>
    /// <param name="uid"><c>uid</c>.</param>
    /// <param name="name"><c>name</c>.</param>
    /// <param name="status"><c>status</c>, e.g. <c>active</c>.</param>
    /// <param name="redisVersion"><c>redis_version</c>, e.g. <c>8.0</c>.</param>
    /// <param name="version"><c>version</c>, e.g. <c>8.0.0</c>.</param>
    /// <param name="modules"><c>module_list</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The database.</returns>
    public static DatabaseInfo DatabaseInfo(
        int uid = 0,
        string? name = null,
        string? status = null,
        string? redisVersion = null,
        string? version = null,
        IEnumerable<DatabaseModule>? modules = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            Uid = uid,
            Name = name,
            Status = status,
            RedisVersion = redisVersion,
            Version = version,
            Modules = modules?.ToList() ?? [],
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    /// <summary>A module a database loads, an entry of <c>module_list</c>.</summary>
    /// <param name="moduleId"><c>module_id</c>: the uid of the module object.</param>
    /// <param name="moduleName"><c>module_name</c>.</param>
    /// <param name="semanticVersion"><c>semantic_version</c>.</param>
    /// <param name="moduleArgs"><c>module_args</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The database's module.</returns>
    public static DatabaseModule DatabaseModule(
        string? moduleId = null,
        string? moduleName = null,
        string? semanticVersion = null,
        string? moduleArgs = null,
        IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            ModuleId = moduleId,
            ModuleName = moduleName,
            SemanticVersion = semanticVersion,
            ModuleArgs = moduleArgs,
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    #endregion

    /// <summary>A module package stored on a node.</summary>
    /// <param name="moduleName"><c>module_name</c>.</param>
    /// <param name="version"><c>version</c>.</param>
    /// <param name="dependencies"><c>dependencies</c>.</param>
    /// <param name="additionalData">Keys the model does not know, as raw JSON.</param>
    /// <returns>The artifact.</returns>
    public static ModuleArtifact ModuleArtifact(string? moduleName = null, long version = 0, IEnumerable<string>? dependencies = null, IReadOnlyDictionary<string, JsonElement>? additionalData = null) =>
        new()
        {
            ModuleName = moduleName,
            Version = version,
            Dependencies = dependencies?.ToList(),
            ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData),
        };

    /// <summary>A compatibility report, as <see cref="IRedisEnterpriseModulesClient.CheckModuleCompatibilityAsync(string, CancellationToken)"/> makes them.</summary>
    /// <param name="fileName">The package's file name.</param>
    /// <param name="package">The package's <c>module.json</c>.</param>
    /// <param name="problems">The problems; none makes the report compatible.</param>
    /// <param name="warnings">The warnings.</param>
    /// <param name="alreadyInstalled">The cluster's module of the same version, if any.</param>
    /// <param name="databasesThatCanUse">The databases that may load the module version.</param>
    /// <param name="upgradeCandidates">The databases on an older version that may move to it.</param>
    /// <returns>The report.</returns>
    public static ModuleCompatibilityReport ModuleCompatibilityReport(
        string fileName = "module.zip",
        ModulePackageMetadata? package = null,
        IEnumerable<ModuleCompatibilityIssue>? problems = null,
        IEnumerable<ModuleCompatibilityIssue>? warnings = null,
        ModuleInfo? alreadyInstalled = null,
        IEnumerable<DatabaseInfo>? databasesThatCanUse = null,
        IEnumerable<DatabaseInfo>? upgradeCandidates = null) =>
        new(fileName, package, problems ?? [], warnings ?? [], alreadyInstalled, databasesThatCanUse ?? [], upgradeCandidates ?? []);

    private static T Describe<T>(
        T descriptor,
        string? moduleName,
        string? displayName,
        string? semanticVersion,
        long? version,
        string? author,
        string? email,
        string? description,
        string? homepage,
        string? license,
        string? commandLineArgs,
        string? configCommand,
        string? capabilityName,
        IEnumerable<string>? capabilities,
        string? minRedisVersion,
        string? minRedisPackVersion,
        string? compatibleRedisVersion,
        string? sha256,
        string? moduleFile,
        bool? bigstoreVersion2Support,
        IReadOnlyDictionary<string, ModuleDependency>? dependencies,
        string? architecture,
        string? os,
        IEnumerable<string>? osList,
        IReadOnlyDictionary<string, JsonElement>? additionalData)
        where T : ModuleDescriptor
    {
        descriptor.ModuleName = moduleName;
        descriptor.DisplayName = displayName;
        descriptor.SemanticVersion = semanticVersion;
        descriptor.Version = version;
        descriptor.Author = author;
        descriptor.Email = email;
        descriptor.Description = description;
        descriptor.Homepage = homepage;
        descriptor.License = license;
        descriptor.CommandLineArgs = commandLineArgs;
        descriptor.ConfigCommand = configCommand;
        descriptor.CapabilityName = capabilityName;
        descriptor.Capabilities = capabilities?.ToList();
        descriptor.MinRedisVersion = minRedisVersion;
        descriptor.MinRedisPackVersion = minRedisPackVersion;
        descriptor.CompatibleRedisVersion = compatibleRedisVersion;
        descriptor.Sha256 = sha256;
        descriptor.ModuleFile = moduleFile;
        descriptor.BigstoreVersion2Support = bigstoreVersion2Support;
        descriptor.Dependencies = dependencies;
        descriptor.Architecture = architecture;
        descriptor.Os = os;
        descriptor.OsList = osList?.ToList();
        descriptor.ExtensionData = additionalData is null ? null : new Dictionary<string, JsonElement>(additionalData);
        return descriptor;
    }
}
