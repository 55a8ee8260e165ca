using System.Net.Sockets;
using RedisEnterprise.Modules.Tests.Reliability;
using RedisEnterprise.Modules.TestSupport;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Upload;

[Collection(nameof(SpoolTests))] // both look into this process's spool folder
public sealed class UploadTests : IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();
    private static readonly UploadModuleOptions NotAZip = new() { Validate = false }; // these tests send made-up bytes
    private readonly List<string> _files = [];

    public UploadTests() => _cluster.Given("POST", "/v2/modules", 200, MockCluster.Data("module-v2-redisgears.json"));

    public void Dispose()
    {
        _cluster.Dispose();
        foreach (string file in _files) Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private string TempFile(byte[] content, string name = "rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip")
    {
        string dir = Directory.CreateTempSubdirectory("upload-tests").FullName;
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        _files.Add(path);
        return path;
    }

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251)).ToArray();

    [Fact]
    public async Task A_file_upload_sends_one_module_part_with_the_file_name_content_type_and_bytes()
    {
        byte[] content = Bytes(300_000);
        string path = TempFile(content);
        using var client = _cluster.CreateClient();

        ModuleOperation operation = await client.StartUploadModuleAsync(path, NotAZip);

        Assert.Equal("dfc0152c-8449-4b1c-9184-480ea7cb526c", operation.ActionUid);
        var request = _cluster.Single("POST", "/v2/modules").RequestMessage!;
        MultipartAssertions.IsModulePart(request, "rejson.Linux-ubuntu18.04-x86_64.2.0.8.zip", content);
        Assert.StartsWith("Basic ", request.Headers!["Authorization"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expect_100_continue_is_sent_on_uploads()
    {
        // Kestrel answers the expectation itself and drops the header, so read the raw request off a socket.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = _cluster.CreateClient(o => o.Endpoint = new Uri($"http://127.0.0.1:{port}"));
        Task upload = client.StartUploadModuleAsync(new MemoryStream(Bytes(10)), "m.zip");

        using TcpClient connection = await listener.AcceptTcpClientAsync();
        var buffer = new byte[8192];
        int read = await connection.GetStream().ReadAsync(buffer);
        string head = Encoding.ASCII.GetString(buffer, 0, read);
        await connection.GetStream().WriteAsync("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());

        Assert.Contains("Expect: 100-continue", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Length:", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Encoding.ASCII.GetString(Bytes(10)), head, StringComparison.Ordinal); // the body waits for the go-ahead
        await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => upload);
    }

    [Fact]
    public async Task A_non_seekable_stream_is_spooled_and_the_callers_stream_is_not_disposed()
    {
        byte[] content = Bytes(200_000);
        var stream = new NonSeekableStream(content);
        using var client = _cluster.CreateClient();

        await client.StartUploadModuleAsync(stream, "from-pipe.zip").WaitAsync(FaultTests.Generous);

        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/modules").RequestMessage!, "from-pipe.zip", content);
        Assert.False(stream.Disposed);
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"{SpoolFolder.Prefix}{Environment.ProcessId}-*").SelectMany(d => Directory.GetFiles(d, "*.zip")));
    }

    [Fact]
    public async Task A_seekable_callers_stream_uploads_from_its_position_and_stays_open()
    {
        byte[] content = Bytes(1000);
        var stream = new MemoryStream(content) { Position = 100 };
        using var client = _cluster.CreateClient();
        await client.StartUploadModuleAsync(stream, "m.zip");
        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v2/modules").RequestMessage!, "m.zip", content[100..]);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task Progress_is_monotonic_rate_limited_and_ends_at_the_total()
    {
        byte[] content = Bytes(20 * 1024 * 1024);
        var reports = new List<UploadProgress>();
        using var client = _cluster.CreateClient();

        await client.StartUploadModuleAsync(new MemoryStream(content), "m.zip", new UploadModuleOptions { UploadProgress = new SynchronousProgress<UploadProgress>(reports.Add) });

        Assert.Equal(new UploadProgress(content.Length, content.Length), reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesSent <= p.Second.BytesSent));
        Assert.InRange(reports.Count, 2, 101); // at most one per 1%, not one per 128 KiB buffer (160)
        Assert.Equal(100d, reports[^1].Percent);
    }

    [Theory]
    [InlineData("we\"ird\r\nX-Injected: 1.zip", "we_ird__X-Injected: 1.zip")]
    [InlineData("dir\\sub/pkg.zip", "pkg.zip")]
    public void File_names_cannot_break_the_part_header(string fileName, string expected) =>
        Assert.Equal(expected, ModuleUploadContent.SafeFileName(fileName));

    [Fact]
    public async Task Non_ascii_file_names_are_encoded_not_sent_raw()
    {
        using var client = _cluster.CreateClient();
        await client.StartUploadModuleAsync(new MemoryStream(Bytes(10)), "modülé.zip");
        string body = Encoding.Latin1.GetString(_cluster.Single("POST", "/v2/modules").RequestMessage!.BodyAsBytes!);
        string disposition = body.Split("\r\n").Single(l => l.StartsWith("Content-Disposition", StringComparison.OrdinalIgnoreCase));
        Assert.True(disposition.All(c => c < 128), disposition);
        Assert.DoesNotContain("filename*", disposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_mid_upload_stops_promptly()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("upload-cancel").FullName, "big.zip");
        _files.Add(path);
        using (var file = File.Create(path)) file.SetLength(512L * 1024 * 1024);
        using var sink = LoopbackCluster.Start(bufferSize: 64 * 1024, stallAfterBytes: 4 * 1024 * 1024);
        using var client = _cluster.CreateClient(o => o.Endpoint = sink.Endpoint);
        using var cts = new CancellationTokenSource();

        Task upload = client.StartUploadModuleAsync(path, NotAZip, cts.Token);
        await sink.Stalled.WaitAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Upload_timeout_applies_to_the_transfer_only()
    {
        string path = TempFile(Bytes(8 * 1024 * 1024));
        using var sink = LoopbackCluster.Start(bufferSize: 64 * 1024, stallAfterBytes: 1024 * 1024);
        using var client = _cluster.CreateClient(o =>
        {
            o.Endpoint = sink.Endpoint;
            o.UploadTimeout = TimeSpan.FromMilliseconds(300);
        });

        var error = await Assert.ThrowsAsync<RedisEnterpriseConnectionException>(() => client.StartUploadModuleAsync(path, NotAZip));
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Upload_v1_returns_the_module_synchronously()
    {
        _cluster.Given("POST", "/v1/modules", 200, MockCluster.Data("module-v2-redisgears.json"));
        byte[] content = Bytes(5000);
        string path = TempFile(content);
        using var client = _cluster.CreateClient();

        ModuleInfo module = await client.UploadModuleV1Async(path, NotAZip);

        Assert.Equal("rg", module.ModuleName);
        MultipartAssertions.IsModulePart(_cluster.Single("POST", "/v1/modules").RequestMessage!, Path.GetFileName(path), content);
    }

    [Fact]
    public async Task A_posted_upload_is_never_retried()
    {
        _cluster.Server.Reset();
        _cluster.Given("POST", "/v2/modules", 503);
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAsync<RedisEnterpriseException>(() => client.StartUploadModuleAsync(new MemoryStream(Bytes(10)), "m.zip"));
        Assert.Single(_cluster.Received);
    }

    [Fact]
    public async Task A_file_in_a_missing_folder_fails_with_file_not_found_before_any_request()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "m.zip");
        using var client = _cluster.CreateClient();

        FileNotFoundException error = await Assert.ThrowsAsync<FileNotFoundException>(() => client.StartUploadModuleAsync(path).WaitAsync(FaultTests.Generous));

        Assert.Equal(path, error.FileName);
        Assert.Empty(_cluster.Received);
    }

    [Fact]
    public async Task A_missing_file_fails_before_any_request()
    {
        using var client = _cluster.CreateClient();
        await Assert.ThrowsAsync<FileNotFoundException>(() => client.StartUploadModuleAsync(Path.Combine(Path.GetTempPath(), "no-such-module-" + Guid.NewGuid().ToString("N") + ".zip")));
        Assert.Empty(_cluster.Received);
    }
}
