using System.Net.Http.Headers;
using System.Text;
using RedisEnterprise.Modules.Testing.Internal;
using static RedisEnterprise.Modules.Testing.Tests.TestSupport;

namespace RedisEnterprise.Modules.Testing.Tests;

public class MultipartTests
{
    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "abc")]
    [InlineData("multipart/form-data; boundary=\"a b:c\"", "a b:c")]
    [InlineData("Multipart/Form-Data;Boundary=xyz", "xyz")]
    [InlineData("application/zip", null)]
    [InlineData("multipart/form-data", null)]
    [InlineData(null, null)]
    public void Reads_the_boundary_from_the_content_type(string? contentType, string? expected) =>
        Assert.Equal(expected, MultipartFormReader.GetBoundary(contentType));

    [Fact]
    public void Reads_parts_with_preamble_epilogue_and_crlf()
    {
        byte[] body = Encoding.UTF8.GetBytes(
            "preamble\r\n--XX\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n" +
            "--XX\r\nContent-Disposition: form-data; name=\"module\"; filename=\"m.zip\"\r\nContent-Type: application/zip\r\n\r\nline1\r\n--XXnot-a-delimiter\r\nline3\r\n" +
            "--XX--\r\nepilogue");
        IReadOnlyList<MultipartPart> parts = MultipartFormReader.Read(body, "XX");
        Assert.Equal(2, parts.Count);
        Assert.Equal(("note", "hello"), (parts[0].Name, Encoding.UTF8.GetString(parts[0].Content.Span)));
        Assert.Equal(("module", "m.zip", "application/zip"), (parts[1].Name, parts[1].FileName, parts[1].ContentType));
        Assert.Equal("line1\r\n--XXnot-a-delimiter\r\nline3", Encoding.UTF8.GetString(parts[1].Content.Span));
    }

    [Fact]
    public void Reads_bare_lf_line_ends_and_filename_star()
    {
        byte[] body = Encoding.UTF8.GetBytes("--b\nContent-Disposition: form-data; name=module; filename*=utf-8''r%C3%A9json.zip\n\ndata\n--b--\n");
        MultipartPart part = Assert.Single(MultipartFormReader.Read(body, "b"));
        Assert.Equal("module", part.Name);
        Assert.Equal("réjson.zip", part.FileName);
        Assert.Equal("data", Encoding.UTF8.GetString(part.Content.Span));
    }

    [Fact]
    public void Keeps_binary_content_byte_for_byte()
    {
        byte[] payload = Enumerable.Range(0, 4096).Select(i => (byte)(i % 256)).ToArray();
        byte[] head = Encoding.ASCII.GetBytes("--q\r\nContent-Disposition: form-data; name=\"module\"\r\n\r\n");
        byte[] tail = Encoding.ASCII.GetBytes("\r\n--q--\r\n");
        MultipartPart part = Assert.Single(MultipartFormReader.Read(head.Concat(payload).Concat(tail).ToArray(), "q"));
        Assert.Equal(payload, part.Content.ToArray());
    }

    [Fact]
    public void A_truncated_body_yields_no_part()
    {
        byte[] body = Encoding.ASCII.GetBytes("--q\r\nContent-Disposition: form-data; name=\"module\"\r\n\r\nPK\u0003\u0004 cut here");
        Assert.Empty(MultipartFormReader.Read(body, "q"));
        Assert.Empty(MultipartFormReader.Read(Encoding.ASCII.GetBytes("no delimiters at all"), "q"));
    }

    [Fact]
    public async Task The_cluster_accepts_a_hand_written_body_with_a_quoted_boundary_and_other_parts_first()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using HttpClient admin = Admin(cluster);
        var package = new ModulePackageBuilder("rejson", "2.0.8");
        const string Boundary = "----=_Part 42:x";
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nfirst\r\n"),
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"module\"; filename=\"{package.FileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n"),
            .. package.Build(),
            .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
        ];
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary=\"{Boundary}\"");
        using HttpResponseMessage response = await admin.PostAsync("/v1/modules", content, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(cluster.Modules, m => m.ModuleName == "rejson");
    }

    [Fact]
    public async Task The_cluster_reads_a_body_sent_with_expect_100_continue()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using HttpClient admin = Admin(cluster);
        admin.DefaultRequestHeaders.ExpectContinue = true;
        await UploadModuleAsync(admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(200_000));
        Assert.Equal("100-continue", cluster.Requests.Single().Header("Expect"));
    }

    [Fact]
    public async Task A_truncated_upload_is_no_module()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start();
        using HttpClient admin = Admin(cluster);
        byte[] zip = new ModulePackageBuilder("rejson", "2.0.8").Build();
        using var content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("--q\r\nContent-Disposition: form-data; name=\"module\"\r\n\r\n"), .. zip.AsSpan(0, zip.Length / 2)]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=q");
        using HttpResponseMessage response = await admin.PostAsync("/v2/modules", content, Ct);
        await AssertErrorAsync(response, 400, "no_module");
    }
}
