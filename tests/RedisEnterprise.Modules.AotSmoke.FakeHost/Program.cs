// Serves the simulated cluster (RedisEnterprise.Modules.Testing) in a process of its own, for the native AOT smoke test:
// the fake runs on the JIT, the SDK under test runs native. Prints the settings the smoke
// reads as environment variables, then serves until its standard input closes or it is stopped.
using RedisEnterprise.Modules.Testing;

// AOT_SMOKE_SOFTWARE_VERSION picks the line (run-aot-smoke.sh runs 7.22 and 8.2); 7.22 when unset.
string version = Environment.GetEnvironmentVariable("AOT_SMOKE_SOFTWARE_VERSION") ?? "7.22.2-170";
await using FakeRedisEnterpriseCluster cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { SoftwareVersion = version, PollsToComplete = 2 });
Console.WriteLine($"REDIS_ENTERPRISE_ENDPOINT={cluster.Endpoint}");
Console.WriteLine($"REDIS_ENTERPRISE_USERNAME={cluster.Username}");
Console.WriteLine($"REDIS_ENTERPRISE_PASSWORD={cluster.Password}");
Console.WriteLine($"REDIS_ENTERPRISE_CERT_SHA256={cluster.CertificateThumbprint}");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
Task stdinClosed = Task.Run(() => { while (Console.In.ReadLine() is not null) { } });
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
Console.WriteLine($"served {cluster.Requests.Count} requests");
