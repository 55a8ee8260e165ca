using System.IO.Compression;

namespace RedisEnterprise.Modules.Testing.Tests;

public class MultipartTests : DefaultClusterTests
{
    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "abc")]
    [InlineData("multipart/form-data; boundary=\"a b:c\"", "a b:c")]
    [InlineData("Multipart/Form-Data;Boundary=xyz", "xyz")]
    public async Task Reads_the_boundary_from_the_content_type(string contentType, string boundary)
    {
        var package = new ModulePackageBuilder("rejson", "2.0.8");
        using var content = new ByteArrayContent(Body(boundary, ModulePart(package.FileName), package.Build()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using HttpResponseMessage response = await Admin.PostAsync("/v1/modules", content, Ct);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("application/zip")]
    [InlineData("multipart/form-data")]
    public async Task A_content_type_without_a_multipart_boundary_is_no_module(string contentType)
    {
        using var content = new ByteArrayContent(Body("q", ModulePart("m.zip"), new ModulePackageBuilder("rejson", "2.0.8").Build()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using HttpResponseMessage response = await Admin.PostAsync("/v2/modules", content, Ct);
        await AssertErrorAsync(response, 400, "no_module");
    }

    [Fact]
    public async Task Finds_the_module_part_by_name_when_it_has_a_filename_star()
    {
        byte[] zip = new ModulePackageBuilder("rejson", "2.0.8").Build();
        using var content = new ByteArrayContent(Body("b", "Content-Disposition: form-data; name=module; filename*=utf-8''r%C3%A9json.zip", zip));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using HttpResponseMessage response = await Admin.PostAsync("/v1/modules", content, Ct);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Keeps_binary_content_byte_for_byte()
    {

        // Stored uncompressed in the zip, line breaks and boundary-like bytes reach the body as they are; the Cluster
        // checks the payload's SHA-256 against module.json, so one changed byte would be invalid_module.
        byte[] payload = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i % 256)), .. Encoding.ASCII.GetBytes("\r\n--\r\nx--q--\r\n")];
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream manifest = archive.CreateEntry("module.json").Open())
            {
                manifest.Write(Encoding.UTF8.GetBytes(new ModulePackageBuilder("bin", "1.0.0").WithPayload(payload).BuildModuleJson()));
            }

            using Stream binary = archive.CreateEntry("bin.so", CompressionLevel.NoCompression).Open();
            binary.Write(payload);
        }

        byte[] zip = buffer.ToArray();
        using var content = new ByteArrayContent(Body("q", ModulePart("bin.zip"), zip));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=q");
        using HttpResponseMessage response = await Admin.PostAsync("/v1/modules", content, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new ModulePackageBuilder("bin", "1.0.0").WithPayload(payload).PayloadSha256, Assert.Single(Cluster.Modules, m => m.ModuleName == "bin").Sha256);
    }

    [Fact]
    public async Task The_cluster_accepts_a_hand_written_body_with_a_quoted_boundary_and_other_parts_first()
    {
        var package = new ModulePackageBuilder("rejson", "2.0.8");
        const string Boundary = "----=_Part 42:x";
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes($"a preamble\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nfirst\r\n"),
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"module\"; filename=\"{package.FileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n"),
            .. package.Build(),
            .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\nan epilogue"),
        ];
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary=\"{Boundary}\"");
        using HttpResponseMessage response = await Admin.PostAsync("/v1/modules", content, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(Cluster.Modules, m => m.ModuleName == "rejson");
    }

    [Fact]
    public async Task The_cluster_reads_a_body_sent_with_expect_100_continue()
    {
        Admin.DefaultRequestHeaders.ExpectContinue = true;
        await UploadModuleAsync(Admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(200_000));
        Assert.Equal("100-continue", Cluster.Requests.Single().Header("Expect"));
    }

    [Fact]
    public async Task A_truncated_upload_is_no_module()
    {
        byte[] zip = new ModulePackageBuilder("rejson", "2.0.8").Build();
        using var content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("--q\r\nContent-Disposition: form-data; name=\"module\"\r\n\r\n"), .. zip.AsSpan(0, zip.Length / 2)]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=q");
        using HttpResponseMessage response = await Admin.PostAsync("/v2/modules", content, Ct);
        await AssertErrorAsync(response, 400, "no_module");
    }

    private static string ModulePart(string fileName) => $"Content-Disposition: form-data; name=\"module\"; filename=\"{fileName}\"\r\nContent-Type: application/zip";

    /// <summary>A multipart body with one part: its header lines, an empty line, the content, the closing delimiter.</summary>
    private static byte[] Body(string boundary, string partHeaders, byte[] content) =>
        [.. Encoding.ASCII.GetBytes($"--{boundary}\r\n{partHeaders}\r\n\r\n"), .. content, .. Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")];
}
