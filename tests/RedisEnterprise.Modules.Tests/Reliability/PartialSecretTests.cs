namespace RedisEnterprise.Modules.Tests.Reliability;

/// <summary>
/// An error page that quotes the credentials where the excerpt is cut, or quotes part of them: no run of 8 characters of
/// the password or of the Basic token survives in what the caller sees.
/// </summary>
public sealed class PartialSecretTests
{
    private const int Cut = 512; // where an error excerpt is cut
    private static readonly string Token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MockCluster.Username}:{MockCluster.Password}"));

    public static readonly TheoryData<string, int> Quotes = new()
    {
        { "password", 2 }, { "password", 9 }, { "password", 17 }, { "token", 4 }, { "token", 20 }, { "token", 36 },
        { "password, its first 12 characters only", 200 }, { "token, 30 characters from its middle", 200 },
    };

    [Theory]
    [MemberData(nameof(Quotes))]
    public async Task No_8_character_run_of_a_secret_survives_in_the_error(string quoted, int charactersBeforeTheCut)
    {
        string secret = quoted switch
        {
            "password" => MockCluster.Password,
            "token" => Token,
            "password, its first 12 characters only" => MockCluster.Password[..12],
            _ => Token[5..35],
        };
        string page = "<html><body><h1>502 Bad Gateway</h1><p>" + new string('x', Cut - charactersBeforeTheCut - 40) + " " + secret + " </p></body></html>";
        using var server = RawServer.Answering(_ => new RawResponse(502, page, ContentType: "text/html", Reason: "Bad Gateway"));
        using var client = new RedisEnterpriseModulesClient(FaultTests.Options(server.Endpoint, new FakeTimeProvider()));

        var error = await Assert.ThrowsAnyAsync<RedisEnterpriseException>(() => client.ListModulesAsync().WaitAsync(FaultTests.Generous));

        Assert.Equal(502, error.Status);
        foreach (string text in new[] { error.Message, error.ToString(), error.ServerMessage ?? string.Empty })
        {
            Assert.True(LongestRun(MockCluster.Password, text) < 8, $"a run of the password survives: {text}");
            Assert.True(LongestRun(Token, text) < 8, $"a run of the token survives: {text}");
        }
    }

    /// <summary>The longest run of characters of <paramref name="secret"/> that <paramref name="text"/> holds.</summary>
    private static int LongestRun(string secret, string text)
    {
        int longest = 0;
        for (int start = 0; start < secret.Length; start++)
        {
            for (int length = longest + 1; start + length <= secret.Length; length++)
            {
                if (!text.Contains(secret.AsSpan(start, length), StringComparison.Ordinal)) break;
                longest = length;
            }
        }

        return longest;
    }
}
