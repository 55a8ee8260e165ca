using Refit;
using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules.Transport;

/// <summary>Which request this is, as Refit described it in the request's options: the route template of its declaration, and its path.</summary>
internal static class RequestRoute
{
    private static readonly HttpRequestOptionsKey<string> TemplateKey = new(HttpRequestMessageOptions.RelativePathTemplate);

    internal static CallSite Of(HttpRequestMessage? request)
    {
        string? template = null;
        request?.Options.TryGetValue(TemplateKey, out template);
        return new CallSite(request?.Method.Method ?? "?", PathOf(request), template);
    }

    /// <summary>The request's path, never its query.</summary>
    internal static string PathOf(HttpRequestMessage? request) =>
        request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request?.RequestUri?.OriginalString.Split('?')[0] ?? "?";
}
