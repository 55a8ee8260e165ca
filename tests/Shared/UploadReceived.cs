namespace RedisEnterprise.Modules.TestSupport;

/// <summary>One upload as <see cref="LoopbackCluster"/> read it.</summary>
internal readonly record struct UploadReceived(string Target, long BodyBytes, bool HasModulePart, bool ExpectedContinue);
