using BenchmarkDotNet.Running;
using RedisEnterprise.Modules.Benchmarks;
using RedisEnterprise.Modules.Benchmarks.Infrastructure;

// Every benchmark:    dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --filter '*'
// With 1 GiB files:   add --large (uploads and validation of 1 GiB; a few minutes and ~3 GiB of temporary disk)
// Per-call ratios, paired: dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --paired [rounds]
// Anything else is BenchmarkDotNet's own command line (--list flat, --filter '*Upload*', ...).
if (args.Length > 0 && args[0] == "--paired")
{
    await PairedCalls.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

if (args.Contains("--large"))
{
    Environment.SetEnvironmentVariable(FileSize.LargeVariable, "1"); // read by the sizes' sources, here and in the child processes
    args = [.. args.Where(a => a != "--large")];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
