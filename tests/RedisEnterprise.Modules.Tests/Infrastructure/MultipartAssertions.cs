using WireMock;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Checks an upload request part by part from the raw bytes the server received.</summary>
internal static class MultipartAssertions
{
    internal static void IsModulePart(IRequestMessage request, string fileName, byte[] fileBytes)
    {
        string contentType = request.Headers!["Content-Type"].Single();
        Assert.StartsWith("multipart/form-data", contentType, StringComparison.Ordinal);
        string boundary = contentType.Split("boundary=")[1].Trim('"');
        Assert.Equal(request.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"].Single());
        Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));

        byte[] body = request.BodyAsBytes!;
        string latin = Encoding.Latin1.GetString(body);
        int headerStart = latin.IndexOf("--" + boundary + "\r\n", StringComparison.Ordinal) + boundary.Length + 4;
        int headerEnd = latin.IndexOf("\r\n\r\n", headerStart, StringComparison.Ordinal);
        string[] headers = latin[headerStart..headerEnd].Split("\r\n");
        string disposition = Assert.Single(headers, h => h.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("name=\"module\"", disposition, StringComparison.Ordinal);
        Assert.Contains($"filename=\"{fileName}\"", disposition, StringComparison.Ordinal);
        Assert.DoesNotContain("filename*", disposition, StringComparison.Ordinal);
        Assert.Contains(headers, h => h.Equals("Content-Type: application/zip", StringComparison.OrdinalIgnoreCase));

        int dataStart = headerEnd + 4;
        int dataEnd = latin.IndexOf("\r\n--" + boundary + "--", dataStart, StringComparison.Ordinal);
        Assert.Equal(fileBytes, body[dataStart..dataEnd]);
        Assert.Equal(1, CountOccurrences(latin, "Content-Disposition:"));
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }
}
