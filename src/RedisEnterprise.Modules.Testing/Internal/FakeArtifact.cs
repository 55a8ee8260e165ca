namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A module package stored on one node (Redis Software 8): named by its module name and integer version.</summary>
internal sealed record FakeArtifact(string ModuleName, long Version, IReadOnlyList<string> Dependencies);
