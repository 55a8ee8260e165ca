namespace RedisEnterprise.Modules.Upload;

/// <summary>Reports one node's upload progress to the caller's callback, naming the node (<see cref="UploadProgress.NodeUid"/>).</summary>
internal sealed class NodeUploadProgress(IProgress<UploadProgress> inner, int nodeUid) : IProgress<UploadProgress>
{
    public void Report(UploadProgress value) => inner.Report(value with { NodeUid = nodeUid });
}
