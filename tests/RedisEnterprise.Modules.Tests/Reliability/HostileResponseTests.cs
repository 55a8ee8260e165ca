using System.Text.Json.Serialization.Metadata;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// Hostile answers: none crashes, none escapes as anything but a result or a <see cref="RedisEnterpriseException"/>, every
/// message stays short whatever the body, and the client goes on working.
/// </summary>
public sealed class HostileResponseTests
{
    /// <summary>The longest message an error may have, whatever the cluster sent.</summary>
    internal const int MaxMessageLength = 2048;

    public static readonly TheoryData<string> Answers = new(HostileAnswers.All.Keys);

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_hostile_answer_maps_to_a_result_or_a_clear_error(string name)
    {
        HostileAnswer answer = HostileAnswers.All[name]();
        int requests = 0;
        using var server = RawServer.Answering(r => Interlocked.Increment(ref requests) == 1 ? answer.Response : RawResponse.Healthy(r));
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, TimeProvider.System));

        (object? result, RedisEnterpriseException? error) = await Outcome(() => answer.InvokeAsync(client));

        if (answer.Result is { } checkResult)
        {
            Assert.True(error is null, error?.ToString());
            checkResult(result!);
            Assert.NotNull(result!.ToString());
        }
        else
        {
            Assert.NotNull(error);
            AssertClear(error);
            answer.Error!(error);
        }

        Assert.Equal(2, (await client.ListModulesAsync().WaitAsync(FaultTests.Generous)).Count); // the client goes on
    }

    /// <summary>
    /// Every field of the module and action objects (and the objects inside them), each given a value of every other JSON
    /// type: the reader returns a result or throws <see cref="JsonException"/>, and the client a result or a <see cref="RedisEnterpriseException"/>.
    /// </summary>
    [Theory]
    [InlineData("module")]
    [InlineData("action")]
    public async Task Every_field_with_a_value_of_every_wrong_type_reads_or_fails_clearly(string kind)
    {
        bool module = kind == "module";
        JsonTypeInfo typeInfo = module ? ModulesJsonContext.Default.ModuleInfo : ModulesJsonContext.Default.ActionInfo;
        string valid = module ? MockCluster.Data("module-v2-redisgears.json") : MockCluster.Data("action-v2-additional-info.json");
        string[] paths = [.. FieldPaths(typeInfo, prefix: [])];
        Assert.True(paths.Length >= (module ? 30 : 20), $"{paths.Length} fields found");

        string body = valid;
        using var http = new HttpClient(new StubHandler(_ => body));
        using var client = new RedisEnterpriseModulesClient(http, FaultTests.Options(new Uri("http://cluster.test"), TimeProvider.System));
        int read = 0, refused = 0;
        foreach (string path in paths)
        {
            foreach (string value in WrongValues)
            {
                body = WithValue(valid, path, value);
                bool readerAccepts = ReaderAccepts(body, typeInfo, $"{path} = {value}");
                (object? result, RedisEnterpriseException? error) = await Outcome(async () => module ? await client.GetModuleAsync("m1") : await client.GetActionAsync("a1"));
                Assert.True(readerAccepts == (error is null), $"{path} = {value}: the client and the reader disagree ({error?.Message})");
                if (error is null)
                {
                    read++;
                    Assert.NotNull(result!.ToString());
                    if (result is ActionInfo action) _ = (action.Status, action.IsTerminal, action.ErrorMessage);
                }
                else
                {
                    refused++;
                    Assert.Equal(200, error.Status);
                    AssertClear(error);
                }
            }
        }

        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused");
        TestContext.Current.TestOutputHelper?.WriteLine($"{paths.Length} fields × {WrongValues.Length} values: {read} read, {refused} refused with a RedisEnterpriseException");
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    [InlineData("\"9223372036854775806\"", long.MaxValue - 1)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("\"-9223372036854775808\"", long.MinValue)]
    [InlineData("1e18", 1_000_000_000_000_000_000)]
    [InlineData("\"20807.0\"", 20807)]
    public void An_integer_field_reads_every_long_exactly(string wire, long expected)
    {
        string json = $$"""{"uid":"m1","version":{{wire}}}""";
        Assert.Equal(expected, JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo)!.Version);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("\"9223372036854775808\"")]
    [InlineData("-9223372036854775809")]
    [InlineData("1e19")]
    [InlineData("\"-1e30\"")]
    public void An_integer_past_the_range_of_long_is_an_error_not_a_clamped_value(string wire)
    {
        string json = $$"""{"uid":"m1","version":{{wire}}}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo));
    }

    /// <summary>Values of every JSON type, and numbers at the edges.</summary>
    internal static readonly string[] WrongValues =
    [
        """{"a":1}""", """[1,"a",null,{}]""", "\"text\"", "\"\"", "\"12\"", "\"NaN\"", "42", "-1", "3.5", "1e308", "1e400", "-1e400",
        "9223372036854775808", "-9223372036854775809", "true", "false", "null", """{"deep":[[[[[[[[[[{"x":[]}]]]]]]]]]]}""",
    ];

    internal static void AssertClear(RedisEnterpriseException error)
    {
        Assert.InRange(error.Message.Length, 1, MaxMessageLength);
        Assert.True(error.ServerMessage is null || error.ServerMessage.Length <= MaxMessageLength, "ServerMessage is bounded");
        Assert.True(error.ErrorCode is null || error.ErrorCode.Length <= MaxMessageLength, "ErrorCode is bounded");
        if (error is not ActionFailedException)
        {
            Assert.Contains($"{error.Method} {error.Path}", error.Message, StringComparison.Ordinal);
        }
    }

    internal static async Task<(object? Result, RedisEnterpriseException? Error)> Outcome(Func<Task<object>> call)
    {
        try
        {
            return (await call().WaitAsync(FaultTests.Generous), null);
        }
        catch (RedisEnterpriseException e)
        {
            return (null, e);
        }
    }

    private static bool ReaderAccepts(string body, JsonTypeInfo typeInfo, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: the reader threw {e.GetType().Name}, not JsonException: {e.Message}");
            throw;
        }
    }

    /// <summary>The JSON paths of a type's fields, and of the fields of the objects (and dictionary values) inside it.</summary>
    private static IEnumerable<string> FieldPaths(JsonTypeInfo typeInfo, string[] prefix)
    {
        foreach (JsonPropertyInfo property in typeInfo.Properties.Where(p => !p.IsExtensionData))
        {
            string[] path = [.. prefix, property.Name];
            yield return string.Join('/', path);
            if (prefix.Length >= 3) continue;
            JsonTypeInfo inner = ModulesJsonContext.Default.GetTypeInfo(property.PropertyType)!;
            if (inner.Kind == JsonTypeInfoKind.Object && inner.Properties.Count > 0)
            {
                foreach (string nested in FieldPaths(inner, path)) yield return nested;
            }
            else if (inner.Kind == JsonTypeInfoKind.Dictionary && ModulesJsonContext.Default.GetTypeInfo(inner.ElementType!) is { Kind: JsonTypeInfoKind.Object } element)
            {
                foreach (string nested in FieldPaths(element, [.. path, "key"])) yield return nested;
            }
        }
    }

    /// <summary>The document with the value at <paramref name="path"/> replaced (objects on the way made as needed).</summary>
    private static string WithValue(string json, string path, string value)
    {
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        string[] names = path.Split('/');
        for (int i = 0; i < names.Length - 1; i++)
        {
            if (node[names[i]] is not JsonObject next)
            {
                next = [];
                node[names[i]] = next;
            }

            node = next;
        }

        node[names[^1]] = JsonNode.Parse(value);
        return node.Root.ToJsonString();
    }
}

/// <summary>An in-memory transport that answers every request with 200 and a JSON body: for many bodies through the whole client, fast.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, string> body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(body(request), System.Text.Encoding.UTF8, "application/json"),
        });
}
