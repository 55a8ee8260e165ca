using BenchmarkDotNet.Running;
using RedisEnterprise.Modules.Benchmarks;

// Every benchmark:    dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --filter '*'
// With 1 GiB files:   add --large (uploads and validation of 1 GiB; a few minutes and ~3 GiB of temporary disk)
// Paired ratios:     dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --paired [rounds] [--large]
// Fixed cost per call: dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --fixed-cost [rounds]
// The GET pipeline's layers: dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --pipeline [rounds]
// Validated uploads: dotnet run -c Release --project tests/RedisEnterprise.Modules.Benchmarks -- --validated [rounds] [MiB]
// Anything else is BenchmarkDotNet's own command line (--list flat, --filter '*Upload*', ...).
if (args.Length > 0 && args[0] == "--paired")
{
    int rounds = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out int given) ? given : 60;
    await PairedCalls.RunAsync(rounds, uploads: args.Contains("--large"));
    return;
}

if (args.Length > 0 && args[0] == "--validated")
{
    int rounds = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out int given) ? given : 9;
    long mib = args.Length > 2 && long.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out long size) ? size : 256;
    await ValidatedUploads.RunAsync(rounds, mib * FileSize.MiB);
    return;
}

if (args.Length > 0 && args[0] == "--pipeline")
{
    int rounds = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out int given) ? given : 30;
    await PipelineLayers.RunAsync(rounds);
    return;
}

if (args.Length > 0 && args[0] == "--fixed-cost")
{
    int rounds = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out int given) ? given : 60;
    await FixedCost.RunAsync(rounds);
    return;
}

if (args.Contains("--large"))
{
    Environment.SetEnvironmentVariable(FileSize.LargeVariable, "1"); // read by the sizes' sources, here and in the child processes
    args = [.. args.Where(a => a != "--large")];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
