using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules.WorkerSample;

internal sealed class ModuleInstallerOptions
{
    public string ModulesFolder { get; set; } = "modules";

    public int IntervalSeconds { get; set; } = 300;

    public bool RunOnce { get; set; }
}

/// <summary>Ensures every <c>*.zip</c> of the modules folder is installed; safe to run again and again.</summary>
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
            Environment.ExitCode = await EnsureFolderAsync(settings.ModulesFolder, stoppingToken) ? 0 : 1;
            lifetime.StopApplication();
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds));
        do
        {
            await EnsureFolderAsync(settings.ModulesFolder, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> EnsureFolderAsync(string folder, CancellationToken cancellationToken)
    {
        string[] packages = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.zip") : [];
        LogChecking(packages.Length, folder);
        bool allInstalled = true;
        foreach (string package in packages)
        {
            try
            {
                EnsureModuleResult result = await client.EnsureModuleInstalledAsync(package, cancellationToken: cancellationToken);
                LogEnsured(result.WasUploaded ? "uploaded" : "already installed", result.Module.ModuleName, result.Module.SemanticVersion, result.Module.Uid);
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

    [LoggerMessage(LogLevel.Information, "Checking {Count} module package(s) in {Folder}")]
    private partial void LogChecking(int count, string folder);

    [LoggerMessage(LogLevel.Information, "{Outcome}: {Module} {Version} ({Uid})")]
    private partial void LogEnsured(string outcome, string? module, string? version, string uid);

    [LoggerMessage(LogLevel.Error, "Skipped {Package}: {Problems}")]
    private partial void LogInvalid(string package, string problems);

    [LoggerMessage(LogLevel.Error, "Could not install {Package}: {Error}")]
    private partial void LogFailed(string package, string error);
}
