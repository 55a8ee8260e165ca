namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>Finds the module a command names: by uid, by <c>name@version</c> (semantic or integer version), or by name (its highest version).</summary>
internal static class ModuleReference
{
    public static async Task<ModuleInfo> FindAsync(IRedisEnterpriseModulesClient client, string reference, bool versionRequired, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new UsageException("Name a module by its uid, or as name@version.");
        (string name, string? version) = Parse(reference);

        IReadOnlyList<ModuleInfo> modules = await client.ListModulesAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            if (modules.FirstOrDefault(m => m.Uid == reference) is { } byUid) return byUid;
            List<ModuleInfo> named = [.. modules.Where(m => string.Equals(m.ModuleName, name, StringComparison.OrdinalIgnoreCase)).OrderByDescending(m => m.Version)];
            if (named.Count == 0) return await client.GetModuleAsync(reference, cancellationToken).ConfigureAwait(false); // the cluster's own 404
            if (versionRequired)
            {
                throw new UsageException($"'{name}' names a module, not one version of it; say which: {string.Join(", ", named.Select(m => $"{m.ModuleName}@{m.SemanticVersion}"))}, or its uid.");
            }

            return named[0];
        }

        return modules.FirstOrDefault(m => Names(m, name, version))
            ?? throw new ModuleNotFoundException($"The cluster has no module {name} at version {version}.");
    }

    /// <summary>Whether <paramref name="module"/> is <paramref name="name"/> (any case) at <paramref name="version"/> (semantic or integer).</summary>
    public static bool Names(ModuleInfo module, string name, string version) =>
        string.Equals(module.ModuleName, name, StringComparison.OrdinalIgnoreCase)
        && (module.SemanticVersion == version || module.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) == version);

    /// <summary>Splits <c>name@version</c>; a reference without <c>@</c> has no version.</summary>
    /// <exception cref="UsageException">An <c>@</c> with nothing before or after it.</exception>
    public static (string Name, string? Version) Parse(string reference)
    {
        int at = reference.LastIndexOf('@');
        if (at < 0) return (reference, null);
        if (at == 0 || at == reference.Length - 1) throw new UsageException($"'{reference}' is not name@version, e.g. ReJSON@2.8.4.");
        return (reference[..at], reference[(at + 1)..]);
    }
}
