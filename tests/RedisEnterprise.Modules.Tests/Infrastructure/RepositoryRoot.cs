namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>The clone's root folder (the one holding RedisEnterprise.Modules.sln), for tests that read the sources and docs.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    internal static string Path => Root.Value;

    private static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "RedisEnterprise.Modules.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No RedisEnterprise.Modules.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
