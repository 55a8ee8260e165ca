namespace RedisEnterprise.Modules;

/// <summary>What <see cref="IRedisEnterpriseModulesClient.EnsureModuleInstalledAsync"/> found or did.</summary>
/// <param name="Module">The module as the cluster has it.</param>
/// <param name="WasUploaded">Whether this call uploaded it (<see langword="false"/> when it was already there).</param>
public sealed record EnsureModuleResult(ModuleInfo Module, bool WasUploaded);
