using System.Net.Http.Headers;
using RedisEnterprise.Modules.Upload;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// What goes on the wire, read off the socket: a uid or action_uid, whatever it holds, is one escaped path segment and
/// never a header; a file name, whatever it holds, is one safe <c>filename=</c> parameter of one part header.
/// </summary>
public sealed class RequestSafetyTests
{
    public static readonly TheoryData<string> HostileUids = new(
    [
        "a/b", "../etc/passwd", "a/../b", "./a", "...", "%2e%2e", "a%2Fb", "100%", "%", "%zz", "a?b=c", "?", "a#frag", "#", "a b", " lead and trail ",
        "a+b", "a&b=c", "a;b", "a\\b", "~user", "@host", "http://evil.example/", "//evil.example/x", "é✓😀", "中文", "\u0000", "%00",
        "a\r\nX-Injected: 1", "a\nX-Injected: 1", "a\rX-Injected: 1", "a\r\n\r\nGET /evil HTTP/1.1\r\nHost: evil", "tab\there", "a\u2028b\u2029", "\ufeffbom",
        new string('u', 2000),
    ]);

    [Theory]
    [MemberData(nameof(HostileUids))]
    public async Task A_uid_is_always_one_escaped_path_segment_and_never_a_header(string uid)
    {
        using var server = RawServer.Answering(RawResponse.Healthy);
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, TimeProvider.System));

        ModuleInfo module = await client.GetModuleAsync(uid).WaitAsync(FaultTests.Generous);
        ActionInfo action = await client.GetActionAsync(uid).WaitAsync(FaultTests.Generous);
        ActionInfo followed = await new ActionOperation(client, uid).WaitForCompletionAsync().WaitAsync(FaultTests.Generous);
        ActionOperation deletion = await client.StartDeleteModuleAsync(uid).WaitAsync(FaultTests.Generous);
        var deletedV1 = await Assert.ThrowsAsync<ModuleNotFoundException>(() => client.DeleteModuleV1Async(uid).WaitAsync(FaultTests.Generous));

        Assert.Equal(uid, module.Uid); // the server unescaped exactly the uid from the one segment
        Assert.Equal(uid, action.ActionUid);
        Assert.Equal(uid, followed.ActionUid);
        Assert.Equal("a-delete", deletion.ActionUid);
        Assert.Equal(uid, deletedV1.Uid);

        string[] prefixes = ["GET /v1/modules/", "GET /v1/actions/", "GET /v1/actions/", "DELETE /v2/modules/", "DELETE /v1/modules/"];
        IReadOnlyList<RawRequest> requests = server.Requests;
        Assert.Equal(prefixes.Length, requests.Count);
        for (int i = 0; i < prefixes.Length; i++)
        {
            RawRequest request = requests[i];
            Assert.StartsWith(prefixes[i], request.Method + " " + request.Target, StringComparison.Ordinal);
            string segment = request.Target[(request.Target.LastIndexOf('/') + 1)..];
            Assert.Equal(prefixes[i].Split('/').Length, request.Target.Split('/').Length); // exactly one segment after the prefix
            Assert.Equal(uid, Uri.UnescapeDataString(segment));
            Assert.True(segment.All(c => c > 0x20 && c < 0x7F && c is not ('?' or '#' or '/' or '\\' or '"')), $"unescaped character in {segment}");
            AssertOnlyOurHeaders(request, server);
        }
    }

    public static readonly TheoryData<string> HostileFileNames = new(
    [
        "we\"ird.zip", "\"", "a\r\nContent-Type: text/html\r\n\r\n<script>.zip", "a\nX-Injected: 1.zip", "\r\n.zip", "modülé.zip", "模块.zip", "😀.zip",
        "..\\..\\evil.zip", "../../evil.zip", "C:\\Windows\\evil.zip", "a;filename=evil.zip", "name=\"x\".zip", "a\u0000b.zip", "%22.zip", "=?utf-8?B?ZXZpbA==?=.zip",
        " spaced .zip", "tab\t.zip", "\u2028.zip", new string('n', 1000) + ".zip",
    ]);

    [Theory]
    [MemberData(nameof(HostileFileNames))]
    public async Task A_file_name_is_one_safe_filename_parameter_of_one_part_header(string fileName)
    {
        using var server = RawServer.Answering(RawResponse.Healthy);
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, TimeProvider.System));
        byte[] file = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

        await client.StartUploadModuleAsync(new MemoryStream(file), fileName, new UploadModuleOptions { Validate = false }).WaitAsync(FaultTests.Generous);

        RawRequest request = Assert.Single(server.Requests);
        AssertOnlyOurHeaders(request, server);
        string boundary = request.Header("Content-Type")!.Split("boundary=")[1].Trim('"');
        string body = Encoding.Latin1.GetString(request.Body);
        string opening = "--" + boundary + "\r\n";
        Assert.StartsWith(opening, body, StringComparison.Ordinal);
        int headersEnd = body.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string[] partHeaders = body[opening.Length..headersEnd].Split("\r\n");
        Assert.Equal(2, partHeaders.Length); // Content-Type and Content-Disposition, nothing injected
        Assert.Contains("Content-Type: application/zip", partHeaders);
        string disposition = Assert.Single(partHeaders, h => h.StartsWith("Content-Disposition: ", StringComparison.Ordinal));
        Assert.True(disposition.All(c => c >= 0x20 && c < 0x7F), $"not printable ASCII: {disposition}");

        var parsed = ContentDispositionHeaderValue.Parse(disposition["Content-Disposition: ".Length..]);
        Assert.Equal("form-data", parsed.DispositionType);
        Assert.Equal("module", parsed.Name!.Trim('"'));
        Assert.Equal(2, parsed.Parameters.Count); // name and filename, no second filename
        string sent = parsed.FileName!.Trim('"');
        Assert.Equal(ModuleUploadContent.SafeFileName(fileName), sent);
        Assert.DoesNotContain(sent, c => c is '"' or '\\' or '/' || char.IsControl(c));

        Assert.Equal(file, request.Body[(headersEnd + 4)..^("\r\n--" + boundary + "--\r\n").Length]);
    }

    /// <summary>The request's header names are the ones the SDK sends, each once, with the Host of the server.</summary>
    private static void AssertOnlyOurHeaders(RawRequest request, RawServer server)
    {
        string[] names = [.. request.HeaderLines.Select(h => h[..h.IndexOf(':', StringComparison.Ordinal)])];
        string[] allowed = ["Host", "Authorization", "Accept", "Content-Type", "Content-Length", "Expect", "traceparent", "tracestate"];
        Assert.All(names, n => Assert.Contains(n, allowed, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal($"127.0.0.1:{server.Port}", request.Header("Host"));
        Assert.All(request.HeaderLines, h => Assert.DoesNotContain("Injected", h, StringComparison.OrdinalIgnoreCase));
    }
}
