using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Serialization;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// Property-based tests (FsCheck) over everything that reads a body: the JSON readers of modules, module lists and actions
/// may only return a result or throw <see cref="JsonException"/> (which the SDK turns into a <see cref="RedisEnterpriseException"/>),
/// and the error-body parser and the error map may throw nothing at all, whatever the bytes.
/// </summary>
public sealed class JsonPropertyTests
{
    /// <summary>Generated bodies per source (JSON trees, mutated real bodies, random bytes) and per property.</summary>
    internal const int BodiesPerSource = 2000;

    private static readonly string[] RealBodies =
    [
        .. new[] { "module-v2-redisgears.json", "modules-list-16.json", "action-v1-task.json", "action-v1-state-machine.json", "action-v2-additional-info.json" }.Select(MockCluster.Data),
        """{"error_code":"module_exists","message":"Module already exists","status_code":400}""",
        """{"error_code":"invalid_module","description":"The module is corrupted"}""",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    ];

    /// <summary>Keys the readers know (so generated objects hit real fields), error-body keys, and a few others.</summary>
    private static readonly string[] Keys =
    [
        .. ModulesJsonContext.Default.ModuleInfo.Properties.Select(p => p.Name),
        .. ModulesJsonContext.Default.ActionInfo.Properties.Select(p => p.Name),
        "error_code", "message", "description", "error", "url", "sha256", "supported_featureset_versions", "k", "", "\u00e9", "a\"b",
    ];

    public static readonly TheoryData<string> Sources = new(["json trees", "mutated real bodies", "random bytes"]);

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_json_readers_return_a_result_or_throw_JsonException_only(string source)
    {
        ForEvery(Bodies(source), body =>
        {
            ReadOrJsonException(body, ModulesJsonContext.Default.ModuleInfo);
            ReadOrJsonException(body, ModulesJsonContext.Default.ActionInfo);
            ReadOrJsonException(body, ModulesJsonContext.Default.IReadOnlyListModuleInfo);
        });
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_error_body_parser_never_throws_and_keeps_everything_bounded(string source)
    {
        ForEvery(Bodies(source), body =>
        {
            string text = Encoding.UTF8.GetString(body);
            (string? code, string? message, string? excerpt) = ErrorDetails.ParseBody(text);
            Assert.True(code is null || code.Length <= ErrorDetails.MaxExcerptLength + 1, "error_code bounded");
            Assert.True(message is null || message.Length <= ErrorDetails.MaxExcerptLength + 1, "message bounded");
            Assert.True(excerpt is null || excerpt.Length <= ErrorDetails.MaxExcerptLength + 1, "excerpt bounded");
            Assert.True(code is not null || message is not null || excerpt is not null || string.IsNullOrWhiteSpace(text), "something is kept of a non-blank body");
        });
    }

    /// <summary>The whole error path, from an answer's status and bytes to the exception a caller catches.</summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public void The_error_map_turns_any_error_answer_into_a_bounded_RedisEnterpriseException(string source)
    {
        Gen<(byte[] Body, int Status, string Route)> answers =
            from body in Bodies(source)
            from status in Gen.Elements(400, 401, 403, 404, 405, 406, 409, 429, 500, 502, 503, 504, 599)
            from route in Gen.Elements(Routes.ModulesV1, Routes.ModuleV1, Routes.ModulesV2, Routes.ModuleV2, Routes.ActionV1, "/elsewhere")
            select (body, status, route);
        ForEvery(answers, answer =>
        {
            using var request = new HttpRequestMessage(answer.Route == Routes.ModulesV2 ? HttpMethod.Post : HttpMethod.Get, new Uri("https://cluster.test:9443" + answer.Route.Replace("{uid}", "u%2F1", StringComparison.Ordinal).Replace("{actionUid}", "a1", StringComparison.Ordinal)));
            request.Options.Set(new HttpRequestOptionsKey<string>(Refit.HttpRequestMessageOptions.RelativePathTemplate), answer.Route);
            using var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request, Content = new ByteArrayContent(answer.Body) };
            Exception? error = ErrorMap.FromAnswer(RequestRoute.Of(request), answer.Status, response.ReasonPhrase, Encoding.UTF8.GetString(answer.Body), Redaction.Of(request));
            RedisEnterpriseException mapped = Assert.IsAssignableFrom<RedisEnterpriseException>(error);
            Assert.Equal(answer.Status, mapped.Status);
            HostileResponseTests.AssertClear(mapped);
        });
    }

    private static void ReadOrJsonException<T>(byte[] body, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            T? fromBytes = JsonSerializer.Deserialize(body, typeInfo);
            using var stream = new MemoryStream(body);
            T? fromStream = JsonSerializer.Deserialize(stream, typeInfo); // as a streamed answer is read
            _ = fromBytes?.ToString();
            if (fromStream is ActionInfo action) _ = (action.Status, action.IsTerminal, action.ErrorMessage, action.ToString());
        }
        catch (JsonException)
        {
            // The SDK turns it into a RedisEnterpriseException (ErrorMap.FromUnreadableBody).
        }
    }

    private static Gen<byte[]> Bodies(string source) => source switch
    {
        "json trees" => JsonTrees,
        "mutated real bodies" => MutatedRealBodies,
        _ => RandomBytes,
    };

    // ---- random JSON trees: real keys, every value type, edge numbers, strings with escapes and broken surrogates

    private static readonly Gen<string> Strings =
        Gen.ArrayOf(Gen.Frequency(
                (8, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
                (2, Gen.Elements("\"", "\\", "\n", "\t", "\u0000", "\u001f", "é", "✓", "😀", "\u2028", "\ufeff")),
                (1, Gen.Elements("\\u0041", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x", "\\u12", "\\/")),
                (1, Gen.Elements("\ud800", "\udfff"))))
            .Select(parts => "\"" + string.Concat(parts.Select(p => p is "\"" ? "\\\"" : p is "\\" ? "\\\\" : p is "\n" ? "\\n" : p is "\t" ? "\\t" : p)) + "\"");

    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements("0", "-0", "0.0", "20807.0", "1e3", "1E+2", "-1e-7", "3.14159", "1e308", "1e400", "-1e400", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1760400087000", "123456789012345678901234567890", "01", "1.", ".5", "+1", "NaN", "Infinity", "0x10"));

    private static readonly Gen<string> Leaves = Gen.Frequency(
        (3, Strings),
        (3, Numbers),
        (1, Gen.Elements("true", "false", "null", "\"true\"", "\"yes\"", "\"1\"", "\"\"", "\"completed\"", "\"failed\"", "tru", "nul")),
        (1, Gen.Elements(RealBodies.Take(5).ToArray())));

    private static Gen<string> Value(int size) => size <= 0
        ? Leaves
        : Gen.Frequency((3, Leaves), (2, ObjectOf(size)), (1, ArrayOf(size)));

    private static Gen<string> ObjectOf(int size) =>
        from count in Gen.Choose(0, 6)
        from members in Gen.ListOf(from key in Gen.Elements(Keys) from value in Value(size / (count + 1)) select JsonSerializer.Serialize(key) + ":" + value, count)
        from comma in Gen.Frequency((9, Gen.Constant(",")), (1, Gen.Elements(",,", " , ", "")))
        select "{" + string.Join(comma, members) + "}";

    private static Gen<string> ArrayOf(int size) =>
        from count in Gen.Choose(0, 6)
        from items in Gen.ListOf(Value(size / (count + 1)), count)
        select "[" + string.Join(",", items) + "]";

    private static readonly Gen<byte[]> JsonTrees =
        Gen.Sized(size => Gen.Frequency((4, ObjectOf(size)), (2, ArrayOf(size)), (1, Value(size))))
            .Select(json => Encoding.UTF8.GetBytes(json));

    // ---- real bodies, damaged: bytes flipped, cut, dropped, repeated or replaced by JSON punctuation

    private static readonly string[] Splices = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "1e999", "-", "\u00ff", "/*", "*/", "//"];

    private static Gen<byte[]> Mutate(byte[] body) =>
        from kind in Gen.Choose(0, 5)
        from at in Gen.Choose(0, Math.Max(0, body.Length - 1))
        from length in Gen.Choose(1, 64)
        from value in Gen.Choose(0, 255)
        from splice in Gen.Elements(Splices)
        select kind switch
        {
            0 when body.Length > 0 => [.. body[..at], (byte)value, .. body[(at + 1)..]],
            1 => body[..at],
            2 => [.. body[..at], .. body[Math.Min(body.Length, at + length)..]],
            3 => [.. body[..Math.Min(body.Length, at + length)], .. body[at..]],
            4 => [.. body[..at], .. Encoding.UTF8.GetBytes(splice), .. body[at..]],
            _ => [.. body[..at], .. Enumerable.Repeat((byte)value, length), .. body[at..]],
        };

    private static readonly Gen<byte[]> MutatedRealBodies =
        from real in Gen.Elements(RealBodies)
        from rounds in Gen.Choose(1, 6)
        from mutated in Enumerable.Range(0, rounds).Aggregate(Gen.Constant(Encoding.UTF8.GetBytes(real)), (gen, _) => gen.SelectMany(Mutate))
        select mutated;

    // ---- random bytes: uniform, and from a JSON-ish alphabet, with or without a byte order mark

    private static readonly Gen<byte[]> RandomBytes = Gen.OneOf(
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
        Gen.ArrayOf(Gen.Elements("{}[]\":,0123456789.-eEtrufalsn \\/\n\t".Select(c => (byte)c).Concat(new byte[] { 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF }).ToArray())),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (byte[])[0xEF, 0xBB, 0xBF, .. b]),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (byte[])[0xFF, 0xFE, .. b]));

    /// <summary>Checks <paramref name="property"/> on <see cref="BodiesPerSource"/> generated values (FsCheck shrinks a failing one) and asserts each was tried.</summary>
    private static void ForEvery<T>(Gen<T> values, Action<T> property)
    {
        int tried = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(BodiesPerSource).WithEndSize(60), Prop.ForAll(values.ToArbitrary(), (T value) =>
        {
            tried++;
            property(value);
        }));
        Assert.Equal(BodiesPerSource, tried);
    }
}
