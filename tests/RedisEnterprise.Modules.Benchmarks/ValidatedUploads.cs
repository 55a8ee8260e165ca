using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RedisEnterprise.Modules.Tests.Infrastructure;
using RedisEnterprise.Modules.Workflows;

namespace RedisEnterprise.Modules.Benchmarks;

/// <summary>
/// Uploads with the package check on, measured in pairs against a hand-written <see cref="HttpClient"/> upload: the default
/// path to the cluster (the check runs on the bytes as they are sent) for a stored and a deflated <c>.so</c>, and the
/// fan-out of one package to three nodes (three loopback HTTPS sinks) against three raw uploads run in parallel.
/// </summary>
/// <remarks>Run with <c>-- --validated [rounds] [MiB]</c> (default 9 rounds of 256 MiB). Prints Markdown tables.</remarks>
internal static class ValidatedUploads
{
    /// <summary>The default options but the compatibility check, whose reads of the cluster the sink cannot answer as a cluster would.</summary>
    private static readonly UploadModuleOptions ValidatedOnly = new() { CheckCompatibility = false };

    internal static async Task RunAsync(int rounds, long size)
    {
        DirectoryInfo folder = TestFiles.CreateFolder();
        try
        {
            string so = Path.Combine(folder.FullName, "bench.so");
            string soSha256 = TestFiles.WriteBinary(so, size);
            string stored = Path.Combine(folder.FullName, "bench-stored.Linux-ubuntu18.04-x86_64.1.0.0.zip");
            string deflated = Path.Combine(folder.FullName, "bench-deflated.Linux-ubuntu18.04-x86_64.1.0.0.zip");
            TestFiles.WritePackage(stored, so, soSha256, CompressionLevel.NoCompression);
            TestFiles.WritePackage(deflated, so, soSha256, CompressionLevel.Fastest);
            File.Delete(so);

            Console.WriteLine($"{rounds} rounds, {new FileSize(size)} .so; {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {PairedCalls.LoadAverage()}");
            Console.WriteLine();
            await DefaultPathAsync(rounds, stored, deflated).ConfigureAwait(false);
            Console.WriteLine();
            await OverALinkAsync(rounds, stored).ConfigureAwait(false);
            Console.WriteLine();
            await FanOutAsync(rounds, stored).ConfigureAwait(false);
            Console.WriteLine($"load average after: {PairedCalls.LoadAverage()}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The SDK's default upload of a file (validation on, in the same pass; the compatibility check off) against the raw upload and against validation alone.</summary>
    private static async Task DefaultPathAsync(int rounds, string stored, string deflated)
    {
        using LoopbackCluster cluster = BenchmarkCluster.Start();
        using var sdk = new RedisEnterpriseModulesClient(BenchmarkCluster.ClientOptions(cluster.Endpoint));
        using var baseline = new BaselineClient(cluster.Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password);
        Console.WriteLine("| package (loopback http, paired medians) | HttpClient | SDK default path (validated) | SDK/HttpClient (IQR) | `ValidateFileAsync` alone | SDK/max(HttpClient, validation) (IQR) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach ((string name, string path) in new[] { (".so stored", stored), (".so deflated", deflated) })
        {
            long bytes = new FileInfo(path).Length;
            PairedCalls.Stats[] stats = await PairedCalls.CompareAsync(
                rounds,
                () => baseline.UploadModuleAsync(path),
                () => sdk.StartUploadModuleAsync(path, ValidatedOnly),
                async () => (await ModulePackage.ValidateFileAsync(path).ConfigureAwait(false)).ThrowIfInvalid()).ConfigureAwait(false);
            List<double> againstSlower = [.. stats[1].Times.Select((t, i) => t / Max(stats[0].Times[i], stats[2].Times[i]))];
            Console.WriteLine(
                $"| {name}, {new FileSize(bytes)} zip | {PairedCalls.Throughput(bytes, stats[0].Time)} | {PairedCalls.Throughput(bytes, stats[1].Time)} | {stats[1].Ratio} | "
                + $"{PairedCalls.Format(stats[2].Time)} | {PairedCalls.FormatRatios(againstSlower)} |");
        }
    }

    /// <summary>
    /// The stored package's default upload against the raw one when the sink reads at a link's speed, as a cluster elsewhere
    /// does: the check then has a core of its own beside the sending, which on loopback the sink takes.
    /// </summary>
    private static async Task OverALinkAsync(int rounds, string stored)
    {
        using LoopbackCluster cluster = BenchmarkCluster.Start();
        using var sdk = new RedisEnterpriseModulesClient(BenchmarkCluster.ClientOptions(cluster.Endpoint));
        using var baseline = new BaselineClient(cluster.Endpoint, BenchmarkCluster.Username, BenchmarkCluster.Password);
        long bytes = new FileInfo(stored).Length;
        Console.WriteLine("| .so stored, the sink reading at a link's speed (paired medians) | HttpClient | SDK default path (validated) | SDK/HttpClient (IQR) |");
        Console.WriteLine("|---|---|---|---|");
        foreach ((string link, long rate) in new[] { ("1 Gbit/s", 125_000_000L), ("5 Gbit/s", 625_000_000L) })
        {
            cluster.UploadBytesPerSecond = rate;
            PairedCalls.Stats[] stats = await PairedCalls.CompareAsync(
                rounds,
                () => baseline.UploadModuleAsync(stored),
                () => sdk.StartUploadModuleAsync(stored, ValidatedOnly)).ConfigureAwait(false);
            Console.WriteLine($"| {link}, {new FileSize(bytes)} zip | {PairedCalls.Throughput(bytes, stats[0].Time)} | {PairedCalls.Throughput(bytes, stats[1].Time)} | {stats[1].Ratio} |");
        }
    }

    /// <summary>One package to three nodes (the 8.x install's uploads, validated once) against three raw uploads in parallel, and one raw upload alone.</summary>
    private static async Task FanOutAsync(int rounds, string package)
    {
        using X509Certificate2 certificate = SelfSigned();
        LoopbackCluster[] sinks = [.. Enumerable.Range(0, 3).Select(_ => LoopbackCluster.Start(certificate))];
        try
        {
            foreach (LoopbackCluster sink in sinks) sink.HashUploads = true;
            var options = new RedisEnterpriseModulesClientOptions
            {
                Endpoint = sinks[0].Endpoint,
                Username = BenchmarkCluster.Username,
                Password = BenchmarkCluster.Password,
                SkipCertificateValidation = true,
                ModuleManagement = ModuleManagementMode.UserDefined,
            };
            NodeInfo[] nodes = [.. sinks.Select((sink, i) => RedisEnterpriseModulesModelFactory.NodeInfo(uid: i + 1, address: "127.0.0.1", status: "active"))];
            for (int i = 0; i < sinks.Length; i++) options.NodeEndpoints[i + 1] = sinks[i].Endpoint;
            using var sdk = new RedisEnterpriseModulesClient(options);
            string thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            using var raw = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint },
            });
            raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BenchmarkCluster.Username}:{BenchmarkCluster.Password}")));

            string fileSha256;
            using (FileStream file = File.OpenRead(package)) fileSha256 = Convert.ToHexStringLower(SHA256.HashData(file));
            long bytes = new FileInfo(package).Length;
            // Loopback, where the senders, the sinks and the check share the two cores, then each sink reading at a link's speed,
            // as nodes elsewhere do.
            foreach ((string link, long? rate) in new (string, long?)[] { ("loopback HTTPS sinks", null), ("HTTPS sinks reading at 1 Gbit/s each", 125_000_000) })
            {
                foreach (LoopbackCluster sink in sinks) sink.UploadBytesPerSecond = rate;
                var peaks = new long[3];
                Func<Task> Peak(int which, Func<Task> run) => async () =>
                {
                    long rest = PeakMemory.Reset();
                    await run().ConfigureAwait(false);
                    peaks[which] = Math.Max(peaks[which], PeakMemory.Read() - rest);
                };

                Task RawToAsync(LoopbackCluster sink) => RawUploadAsync(raw, new Uri(sink.Endpoint, "/v2/local/modules/user-defined/artifacts"), package);
                PairedCalls.Stats[] stats = await PairedCalls.CompareAsync(
                    rounds,
                    Peak(0, () => Task.WhenAll(sinks.Select(RawToAsync))),
                    Peak(1, async () =>
                    {
                        PreparedPackage prepared = await PreparedPackage.FromFileAsync(package, options: null, CancellationToken.None).ConfigureAwait(false);
                        await using (prepared.ConfigureAwait(false))
                        {
                            await Task.WhenAll(nodes.Select(node => sdk.UploadArtifactAsync(node, prepared, progress: null, CancellationToken.None))).ConfigureAwait(false);
                        }

                        foreach (LoopbackCluster sink in sinks)
                        {
                            if (sink.LastUploadSha256 != fileSha256) throw new InvalidOperationException($"a sink received {sink.LastUploadSha256}, not the file's {fileSha256}");
                        }
                    }),
                    Peak(2, () => RawToAsync(sinks[0]))).ConfigureAwait(false);

                List<double> againstSingle = [.. stats[1].Times.Select((t, i) => t / stats[2].Times[i])];
                Console.WriteLine($"| to 3 nodes ({link}, paired medians) | wall | throughput (all nodes) | SDK/that (IQR) | peak RSS growth |");
                Console.WriteLine("|---|---|---|---|---|");
                Console.WriteLine($"| 3 raw `HttpClient` uploads in parallel | {PairedCalls.Format(stats[0].Time)} | {PairedCalls.Throughput(3 * bytes, stats[0].Time)} | {stats[1].Ratio} | {peaks[0] / (1024 * 1024)} MiB |");
                Console.WriteLine($"| SDK: validated once, fed to 3 nodes concurrently | {PairedCalls.Format(stats[1].Time)} | {PairedCalls.Throughput(3 * bytes, stats[1].Time)} | 1.00 | {peaks[1] / (1024 * 1024)} MiB |");
                Console.WriteLine($"| 1 raw `HttpClient` upload alone | {PairedCalls.Format(stats[2].Time)} | {PairedCalls.Throughput(bytes, stats[2].Time)} | {PairedCalls.FormatRatios(againstSingle)} | {peaks[2] / (1024 * 1024)} MiB |");
                Console.WriteLine($"each sink's SHA-256 of what it received equalled the file's ({fileSha256[..12]}…) after every SDK round");
                Console.WriteLine();
            }
        }
        finally
        {
            foreach (LoopbackCluster sink in sinks) sink.Dispose();
        }
    }

    private static async Task RawUploadAsync(HttpClient http, Uri target, string path)
    {
        await using FileStream file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(part, "module", Path.GetFileName(path));
        using HttpResponseMessage response = await http.PostAsync(target, content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
