namespace RedisEnterprise.Modules.Packages;

/// <summary>An entry whose data a full check reads: its CRC-32 and sizes, and the SHA-256 <c>module.json</c> gives when it is the <c>.so</c>.</summary>
internal sealed class EntryCheck(ZipEntryRecord entry, string? sha256)
{
    internal ZipEntryRecord Entry { get; } = entry;

    /// <summary>The SHA-256 the data must have, in hexadecimal; <see langword="null"/> for any entry but the <c>.so</c>.</summary>
    internal string? Sha256 { get; } = sha256;

    /// <summary>Where the entry's compressed data starts in the zip, once its local header has been read; -1 before.</summary>
    internal long DataStart { get; set; } = -1;
}
