namespace RedisEnterprise.Modules.Errors;

/// <summary>Which request failed: its method, its path (never the query), and the route template it was built from, when known.</summary>
internal readonly record struct CallSite(string Method, string Path, string? RouteTemplate);
