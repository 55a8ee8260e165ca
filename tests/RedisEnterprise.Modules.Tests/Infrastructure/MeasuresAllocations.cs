namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Tests that measure process-wide allocations run alone, so no other test allocates meanwhile.</summary>
[CollectionDefinition(nameof(MeasuresAllocations), DisableParallelization = true)]
public sealed class MeasuresAllocations;
