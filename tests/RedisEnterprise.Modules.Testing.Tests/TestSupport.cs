namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>Raw HTTP access to a fake cluster, trusting its certificate by thumbprint (validation stays on).</summary>
internal static class TestSupport
{
    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The 7.22 line, whose one-request upload and actions most tests of the fake's 7.x routes are about.</summary>
    internal const string Legacy72 = "7.22.2-170";

    /// <summary>Options of a 7.22 cluster.</summary>
    internal static FakeClusterOptions Legacy() => new() { SoftwareVersion = Legacy72 };

    /// <summary>An HttpClient that accepts only the cluster's own certificate and sends the given credentials (none when null).</summary>
    internal static HttpClient Raw(FakeRedisEnterpriseCluster cluster, string? username, string? password)
    {
        var client = new HttpClient(Trusting(cluster)) { BaseAddress = cluster.Endpoint };
        if (username is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return client;
    }

    internal static HttpClient AdminFor(FakeRedisEnterpriseCluster cluster) => Raw(cluster, cluster.Username, cluster.Password);

    /// <summary>A handler that accepts only the cluster's own certificate.</summary>
    internal static SocketsHttpHandler Trusting(FakeRedisEnterpriseCluster cluster)
    {
        string expected = cluster.CertificateThumbprint;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), expected, StringComparison.OrdinalIgnoreCase);
        return handler;
    }

    /// <summary>A multipart body like <c>curl -F "module=@file.zip"</c>.</summary>
    internal static MultipartFormDataContent ModuleForm(byte[] zip, string fileName, string partName = "module")
    {
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var form = new MultipartFormDataContent();
        form.Add(file, partName, fileName);
        return form;
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string route, ModulePackageBuilder package)
    {
        using MultipartFormDataContent form = ModuleForm(package.Build(), package.FileName);
        return await client.PostAsync(route, form, Ct);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string route, byte[] zip, string fileName = "module.zip")
    {
        using MultipartFormDataContent form = ModuleForm(zip, fileName);
        return await client.PostAsync(route, form, Ct);
    }

    /// <summary>
    /// Uploads a package and asserts the answer has the given success status (200 unless told), putting the body in the
    /// failure message, so a failed upload is reported as such rather than as a missing property later; returns the answer's JSON.
    /// </summary>
    internal static async Task<JsonElement> UploadModuleAsync(HttpClient client, string route, ModulePackageBuilder package, int status = 200)
    {
        using HttpResponseMessage response = await UploadAsync(client, route, package);
        string body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, $"expected {status} from POST {route}, got {(int)response.StatusCode}: {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(Ct);
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    internal static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>Asserts a 4xx/5xx answer with <c>{"error_code": code, "message": ...}</c> and returns the message.</summary>
    internal static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string code)
    {
        string body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, $"expected {status} {code}, got {(int)response.StatusCode}: {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("error_code").GetString());
        string? message = document.RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>Polls an action until it ends, returning every answer in order.</summary>
    internal static async Task<List<JsonElement>> PollToEndAsync(HttpClient client, string version, string actionUid)
    {
        var answers = new List<JsonElement>();
        for (int i = 0; i < 50; i++)
        {
            JsonElement action = await GetJsonAsync(client, $"/{version}/actions/{actionUid}");
            answers.Add(action);
            if (action.GetProperty("status").GetString() is "completed" or "failed") return answers;
        }

        Assert.Fail($"action {actionUid} did not end within 50 polls");
        return answers;
    }

    internal static string[] Statuses(IEnumerable<JsonElement> answers) => answers.Select(a => a.GetProperty("status").GetString()!).ToArray();

    /// <summary>A zip holding the given files.</summary>
    internal static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in files)
            {
                using Stream stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
