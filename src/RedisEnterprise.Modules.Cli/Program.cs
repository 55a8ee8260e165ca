namespace RedisEnterprise.Modules.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => CliApplication.RunAsync(args, CliEnvironment.FromProcess(), CancellationToken.None, handleCtrlC: true);
}
