using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules.WorkerSample;

internal sealed class ModuleInstallerOptions
{
    public string ModulesFolder { get; set; } = "modules";

    public int IntervalSeconds { get; set; } = 300;

    public bool RunOnce { get; set; }

    /// <summary>Uids of databases to move to each ensured module's version when they load an older one (none by default).</summary>
    public List<int> UpgradeDatabases { get; set; } = [];
}

/// <summary>
/// Ensures every <c>*.zip</c> of the modules folder is installed, then moves the listed databases that load an older
/// version of each module to the installed one; safe to run again and again.
/// </summary>
internal sealed partial class ModuleInstaller(
    IRedisEnterpriseModulesClient client,
    IOptions<ModuleInstallerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ModuleInstaller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ModuleInstallerOptions settings = options.Value;
        if (settings.RunOnce)
        {
            Environment.ExitCode = await EnsureFolderAsync(settings, stoppingToken) ? 0 : 1;
            lifetime.StopApplication();
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds));
        do
        {
            await EnsureFolderAsync(settings, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> EnsureFolderAsync(ModuleInstallerOptions settings, CancellationToken cancellationToken)
    {
        string folder = settings.ModulesFolder;
        string[] packages = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.zip") : [];
        LogChecking(packages.Length, folder);
        bool allInstalled = true;
        foreach (string package in packages)
        {
            try
            {
                EnsureModuleResult result = await client.EnsureModuleInstalledAsync(package, cancellationToken: cancellationToken);
                LogEnsured(result.WasUploaded ? "uploaded" : "already installed", result.Module.ModuleName, result.Module.SemanticVersion, result.Module.Uid);
                allInstalled &= await UpgradeDatabasesAsync(result.Module, settings.UpgradeDatabases, cancellationToken);
            }
            catch (ModulePackageValidationException e)
            {
                allInstalled = false;
                LogInvalid(Path.GetFileName(package), e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The cluster's answers, and anything else (a timeout, an unreadable file): this package failed, the others go on.
                allInstalled = false;
                LogFailed(Path.GetFileName(package), e.Message);
            }
        }

        return allInstalled;
    }

    /// <summary>Moves each listed database that loads an older version of the module to this one; false when one of them failed.</summary>
    private async Task<bool> UpgradeDatabasesAsync(ModuleInfo module, IReadOnlyList<int> databaseUids, CancellationToken cancellationToken)
    {
        bool allUpgraded = true;
        foreach (int uid in databaseUids)
        {
            try
            {
                DatabaseInfo database = await client.GetDatabaseAsync(uid, cancellationToken);
                if (database.FindModule(module.ModuleName!) is not { } loaded || loaded.SemanticVersion == module.SemanticVersion) continue;
                DatabaseInfo upgraded = await client.UpgradeDatabaseModuleAsync(uid, module.ModuleName!, module.SemanticVersion!, cancellationToken);
                LogUpgraded(uid, upgraded.Name, module.ModuleName, loaded.SemanticVersion, upgraded.FindModule(module.ModuleName!)?.SemanticVersion);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A refusal (a downgrade, no version for the database's Redis, a preview that differs) or a failed action: the next database goes on.
                allUpgraded = false;
                LogUpgradeFailed(uid, module.ModuleName, module.SemanticVersion, e.Message);
            }
        }

        return allUpgraded;
    }

    [LoggerMessage(LogLevel.Information, "Checking {Count} module package(s) in {Folder}")]
    private partial void LogChecking(int count, string folder);

    [LoggerMessage(LogLevel.Information, "{Outcome}: {Module} {Version} ({Uid})")]
    private partial void LogEnsured(string outcome, string? module, string? version, string uid);

    [LoggerMessage(LogLevel.Error, "Skipped {Package}: {Problems}")]
    private partial void LogInvalid(string package, string problems);

    [LoggerMessage(LogLevel.Error, "Could not install {Package}: {Error}")]
    private partial void LogFailed(string package, string error);

    [LoggerMessage(LogLevel.Information, "Upgraded database {Uid} ({Name}): {Module} {From} -> {To}")]
    private partial void LogUpgraded(int uid, string? name, string? module, string? from, string? to);

    [LoggerMessage(LogLevel.Error, "Could not move database {Uid} to {Module} {Version}: {Error}")]
    private partial void LogUpgradeFailed(int uid, string? module, string? version, string error);
}
