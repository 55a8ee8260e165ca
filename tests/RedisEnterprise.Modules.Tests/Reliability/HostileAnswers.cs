namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>Which client call a hostile answer answers.</summary>
internal enum Call
{
    GetModule,
    ListModules,
    GetAction,
    WaitForAction,
    StartUpload,
    StartDelete,
}

/// <summary>
/// One hostile answer: the call it answers, the bytes, and what the SDK must make of it: a result (checked by
/// <see cref="Result"/>) or a <see cref="RedisEnterpriseException"/> (checked by <see cref="Error"/>).
/// </summary>
internal sealed record HostileAnswer(Call Call, RawResponse Response, Action<object>? Result = null, Action<RedisEnterpriseException>? Error = null)
{
    internal static HostileAnswer Fails(Call call, RawResponse response, Action<RedisEnterpriseException>? check = null) => new(call, response, Error: check ?? (_ => { }));

    internal static HostileAnswer Reads<T>(Call call, RawResponse response, Action<T> check) => new(call, response, Result: r => check((T)r));

    internal async Task<object> InvokeAsync(RedisEnterpriseModulesClient client) => Call switch
    {
        Call.GetModule => await client.GetModuleAsync("m1"),
        Call.ListModules => await client.ListModulesAsync(),
        Call.GetAction => await client.GetActionAsync("a1"),
        Call.WaitForAction => await new ActionOperation(client, "a1").WaitForCompletionAsync(),
        Call.StartUpload => await client.StartUploadModuleAsync(new MemoryStream([1, 2, 3]), "m.zip", new UploadModuleOptions { Validate = false }),
        Call.StartDelete => await client.StartDeleteModuleAsync("m1"),
        _ => throw new InvalidOperationException($"No such call: {Call}"),
    };
}

/// <summary>The hostile answers the suite sends, by name: huge, deep, wrong, broken or surprising bodies and heads.</summary>
internal static class HostileAnswers
{
    internal const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly Lazy<string> TenMegabytesOfText = new(() => string.Concat(Enumerable.Repeat("The cluster is on fire. ", TenMegabytes / 24)));

    internal static readonly IReadOnlyDictionary<string, Func<HostileAnswer>> All = new Dictionary<string, Func<HostileAnswer>>
    {
        ["10 MB plain-text error body"] = () => HostileAnswer.Fails(Call.ListModules, new RawResponse(500, TenMegabytesOfText.Value, "text/plain", "Internal Server Error"), e =>
        {
            Assert.Equal(500, e.Status);
            Assert.StartsWith("The cluster is on fire.", ExcerptOf(e), StringComparison.Ordinal);
        }),
        ["10 MB JSON error message"] = () => HostileAnswer.Fails(Call.StartUpload, new RawResponse(400, $$"""{"error_code":"module_exists","message":"{{TenMegabytesOfText.Value}}"}""", Reason: "Bad Request"), e =>
        {
            Assert.Equal(400, e.Status); // cut at 64 KiB, the JSON no longer parses: kept as an excerpt
        }),
        ["10 MB error body without Content-Length (chunked)"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Raw(Chunked(404, "Not Found", "text/plain", TenMegabytesOfText.Value)), e =>
            Assert.IsType<ModuleNotFoundException>(e)),
        ["10 MB success body that is not JSON"] = () => HostileAnswer.Fails(Call.GetModule, new RawResponse(200, TenMegabytesOfText.Value, "application/json"), e => Assert.Equal(200, e.Status)),
        ["an error_code of 50 KB"] = () => HostileAnswer.Fails(Call.StartUpload, new RawResponse(400, $$"""{"error_code":"{{new string('e', 50_000)}}","message":"m"}""", Reason: "Bad Request"), e =>
            Assert.StartsWith("eeee", e.ErrorCode, StringComparison.Ordinal)), // read, and cut to an excerpt
        ["a reason phrase of 30 KB"] = () => HostileAnswer.Fails(Call.ListModules, new RawResponse(503, null, null, new string('r', 30_000)), e => Assert.Equal(503, e.Status)),
        ["response headers past the 64 KiB limit"] = () => HostileAnswer.Fails(Call.ListModules, RawResponse.Raw($"HTTP/1.1 200 OK\r\nX-Padding: {new string('p', 100_000)}\r\nContent-Length: 2\r\n\r\n[]"), e =>
            Assert.IsType<RedisEnterpriseConnectionException>(e)),
        ["10,000 nested arrays as the module list"] = () => HostileAnswer.Fails(Call.ListModules, RawResponse.Json(new string('[', 10_000) + new string(']', 10_000))),
        ["1,000 nested objects in a module field"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Json($$"""{"uid":"m1","module_name":{{Nested(1000)}}}""")),
        ["10,000 nested objects as an error body"] = () => HostileAnswer.Fails(Call.GetModule, new RawResponse(500, Nested(10_000), Reason: "Internal Server Error"), e => Assert.Equal(500, e.Status)),
        ["a list of 100,000 modules"] = () => HostileAnswer.Reads<IReadOnlyList<ModuleInfo>>(Call.ListModules, RawResponse.Json("[" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $$"""{"uid":"{{i}}"}""")) + "]"), list =>
        {
            Assert.Equal(100_000, list.Count);
            Assert.Equal("99999", list[^1].Uid);
        }),
        ["a module with 1,000,000 capabilities"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, RawResponse.Json($$"""{"uid":"m1","capabilities":[{{string.Join(',', Enumerable.Repeat("\"types\"", 1_000_000))}}]}"""), m =>
            Assert.Equal(1_000_000, m.Capabilities!.Count)),
        ["invalid UTF-8 in a module"] = () => HostileAnswer.Fails(Call.GetModule, new RawResponse(200) { BodyBytes = [.. "{\"uid\":\"m1\",\"module_name\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8] }),
        ["a lone surrogate escape in an error message"] = () => HostileAnswer.Fails(Call.StartUpload, new RawResponse(400, """{"error_code":"invalid_module","message":"bad \ud800 zip"}""", Reason: "Bad Request"), e =>
        {
            Assert.IsType<InvalidModuleException>(e);
            Assert.Equal("bad \\ud800 zip", e.ServerMessage); // kept as sent: it has no UTF-16 form
        }),
        ["a lone surrogate escape in a module"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Json("""{"uid":"m1","module_name":"\udc00"}""")),
        ["invalid UTF-8 in an error body"] = () => HostileAnswer.Fails(Call.ListModules, new RawResponse(502, Reason: "Bad Gateway") { BodyBytes = [.. "upstream "u8, 0xC3, 0x28, 0xFF, 0xFE, .. " gone"u8] }, e =>
            Assert.Equal("upstream \uFFFD(\uFFFD\uFFFD gone", ExcerptOf(e))), // each bad byte becomes U+FFFD
        ["a UTF-8 byte order mark before the JSON"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, new RawResponse(200) { BodyBytes = [0xEF, 0xBB, 0xBF, .. """{"uid":"m1"}"""u8] }, m => Assert.Equal("m1", m.Uid)),
        ["a module in UTF-16, its charset named"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, new RawResponse(200, ContentType: "application/json; charset=utf-16") { BodyBytes = Encoding.Unicode.GetBytes("""{"uid":"m1","module_name":"wide"}""") }, m =>
            Assert.Equal("wide", m.ModuleName)),
        ["a module whose charset is a quoted UTF-8"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, new RawResponse(200, """{"uid":"m1","module_name":"é"}""", ContentType: "application/json; charset=\"UTF-8\""), m =>
            Assert.Equal("é", m.ModuleName)),
        ["a module without Content-Type"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, new RawResponse(200, """{"uid":"m1","module_name":"plain"}""", ContentType: null), m => Assert.Equal("plain", m.ModuleName)),
        ["an error without Content-Type"] = () => HostileAnswer.Fails(Call.StartUpload, new RawResponse(400, """{"error_code":"invalid_module","message":"bad zip"}""", ContentType: null, Reason: "Bad Request"), e =>
        {
            Assert.IsType<InvalidModuleException>(e);
            Assert.Equal("bad zip", e.ServerMessage);
        }),
        ["a text/html 404 page from a proxy"] = () => HostileAnswer.Fails(Call.GetAction, new RawResponse(404, "<html><head><title>404</title></head><body><h1>Not Found</h1><p>nginx</p></body></html>", "text/html", "Not Found"), e =>
        {
            Assert.IsType<ActionNotFoundException>(e);
            Assert.Contains("Not Found", ExcerptOf(e), StringComparison.Ordinal);
        }),
        ["a text/html login page with status 200"] = () => HostileAnswer.Fails(Call.ListModules, new RawResponse(200, "<!DOCTYPE html><html><body><form action=/login>Sign in</form></body></html>", "text/html"), e =>
            Assert.Contains("not the JSON this endpoint promises", e.Message, StringComparison.Ordinal)),
        ["a JSON null module"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Json("null"), e => Assert.Contains("no body", e.Message, StringComparison.Ordinal)),
        ["a JSON null module list"] = () => HostileAnswer.Fails(Call.ListModules, RawResponse.Json("null")),
        ["a JSON null action"] = () => HostileAnswer.Fails(Call.GetAction, RawResponse.Json("null")),
        ["a JSON null upload answer"] = () => HostileAnswer.Fails(Call.StartUpload, RawResponse.Json("null")),
        ["a JSON null error body"] = () => HostileAnswer.Fails(Call.GetModule, new RawResponse(404, "null", Reason: "Not Found"), e => Assert.IsType<ModuleNotFoundException>(e)),
        ["an empty 200 answer"] = () => HostileAnswer.Fails(Call.GetAction, new RawResponse(200, "")),
        ["an object where the list belongs"] = () => HostileAnswer.Fails(Call.ListModules, RawResponse.Json("""{"uid":"m1"}""")),
        ["an array where the module belongs"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Json("""[{"uid":"m1"}]""")),
        ["trailing garbage after the JSON"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Json("""{"uid":"m1"} {"uid":"m2"}""")),
        ["duplicate keys in a module"] = () => HostileAnswer.Reads<ModuleInfo>(Call.GetModule, RawResponse.Json("""{"uid":"first","module_name":"a","uid":"last","x":1,"x":2}"""), m =>
        {
            Assert.Equal("last", m.Uid); // the last one wins, as System.Text.Json documents
            Assert.Equal(2, m.AdditionalData["x"].GetInt32());
        }),
        ["duplicate keys in an action"] = () => HostileAnswer.Reads<ActionInfo>(Call.GetAction, RawResponse.Json("""{"action_uid":"a1","status":"running","status":"completed"}"""), a => Assert.Equal(ActionStatus.Completed, a.Status)),
        ["duplicate keys in an error body"] = () => HostileAnswer.Fails(Call.StartUpload, new RawResponse(400, """{"error_code":"module_exists","error_code":"invalid_module","message":"m"}""", Reason: "Bad Request"), e =>
            Assert.IsType<InvalidModuleException>(e)),
        ["a failed action with a 10 MB error message"] = () => HostileAnswer.Fails(Call.WaitForAction, RawResponse.Json($$"""{"action_uid":"a1","status":"failed","error_code":"boom","error_message":"{{TenMegabytesOfText.Value}}"}"""), e =>
        {
            ActionFailedException failed = Assert.IsType<ActionFailedException>(e);
            Assert.Equal(ActionStatus.Failed, failed.Action.Status);
        }),
        ["an upload answer whose action_uid is '..'"] = () => HostileAnswer.Fails(Call.StartUpload, RawResponse.Json("""{"uid":"u1","action_uid":".."}"""), e =>
            Assert.Contains("action_uid", e.Message, StringComparison.Ordinal)),
        ["an upload answer whose uid is '.'"] = () => HostileAnswer.Fails(Call.StartUpload, RawResponse.Json("""{"uid":".","action_uid":"a1"}"""), e =>
            Assert.Contains("uid", e.Message, StringComparison.Ordinal)),
        ["a delete answer whose action_uid is an object"] = () => HostileAnswer.Reads<ActionOperation>(Call.StartDelete, RawResponse.Json("""{"action_uid":{"nested":true}}"""), op =>
            Assert.Equal("""{"nested":true}""", op.ActionUid)), // kept as raw text, and escaped when polled
        ["a delete answer whose action_uid is '.'"] = () => HostileAnswer.Fails(Call.StartDelete, RawResponse.Json("""{"action_uid":"."}""")),
        ["1xx answers before a null one"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Raw("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnull")),
        ["a status code of 999"] = () => HostileAnswer.Fails(Call.GetModule, RawResponse.Raw("HTTP/1.1 999 Whatever\r\nContent-Length: 0\r\n\r\n"), e => Assert.Equal(999, e.Status)),
        ["a 3xx without Location"] = () => HostileAnswer.Fails(Call.ListModules, RawResponse.Raw("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"), e => Assert.Equal(302, e.Status)),
    };

    /// <summary>The part of the message that quotes the body.</summary>
    internal static string ExcerptOf(RedisEnterpriseException error) => error.Message[(error.Message.IndexOf("Body: ", StringComparison.Ordinal) + 6)..];

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static string Chunked(int status, string reason, string contentType, string body)
    {
        var answer = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int at = 0; at < body.Length; at += 64 * 1024)
        {
            string chunk = body.Substring(at, Math.Min(64 * 1024, body.Length - at));
            answer.Append($"{chunk.Length:x}\r\n").Append(chunk).Append("\r\n");
        }

        return answer.Append("0\r\n\r\n").ToString();
    }
}
