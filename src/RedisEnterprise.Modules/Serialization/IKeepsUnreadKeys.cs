namespace RedisEnterprise.Modules.Serialization;

/// <summary>
/// A model that reads the keys it does not model only when its <c>AdditionalData</c> is first asked for. Its answers have
/// many such keys (the cluster's 74, of which it models 4), and System.Text.Json's extension data parses each into a
/// <see cref="System.Text.Json.JsonDocument"/> of its own: on <c>GET /v1/cluster</c> that is 2.7 times the cost of reading the
/// modelled keys alone.
/// </summary>
internal interface IKeepsUnreadKeys
{
    /// <summary>Keeps where the object stands in its answer, to read its other keys from when they are asked for.</summary>
    void KeepUnreadKeys(UnreadKeys keys);
}
