using System.Text;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>A request as the cluster logic sees it, independent of the HTTP server.</summary>
internal sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>An answer: status code, optional JSON body, extra headers.</summary>
internal sealed record FakeResponse(int StatusCode, string? Json, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Everything the fake cluster knows and does: modules, actions, users, scripted failures, and the request log.
/// Every request is handled whole under one lock, so state stays consistent under parallel requests.
/// </summary>
internal sealed class ClusterState
{
    private static readonly IReadOnlyDictionary<string, string> BasicChallenge = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"rest_api\"" };

#if NET9_0_OR_GREATER
    private readonly Lock _lock = new();
#else
    private readonly object _lock = new();
#endif
    private readonly FakeClusterOptions _options;
    private readonly List<ModuleInfo> _modules = [];
    private readonly Dictionary<string, FakeAction> _actions = new(StringComparer.Ordinal);
    private readonly List<FakeClusterRequest> _requests = [];
    private int _flakyRequests;
    private ClusterError? _nextUploadFailure;
    private ClusterError? _nextActionFailure;

    internal ClusterState(FakeClusterOptions options)
    {
        _options = options;
        _flakyRequests = options.FlakyRequests;
        if (options.SeedBundledModules) _modules.AddRange(BundledModules.Create());
    }

    private enum Role
    {
        Admin,
        ReadOnly,
    }

    internal IReadOnlyList<ModuleInfo> Modules
    {
        get
        {
            lock (_lock) return _modules.ToArray();
        }
    }

    internal IReadOnlyList<FakeClusterRequest> Requests
    {
        get
        {
            lock (_lock) return _requests.ToArray();
        }
    }

    internal void FailNextUpload(ClusterError error)
    {
        lock (_lock) _nextUploadFailure = error;
    }

    internal void FailNextAction(ClusterError error)
    {
        lock (_lock) _nextActionFailure = error;
    }

    internal void AddFlakyRequests(int count)
    {
        lock (_lock) _flakyRequests += count;
    }

    internal FakeResponse Handle(FakeRequest request)
    {
        lock (_lock)
        {
            FakeResponse response = HandleLocked(request);
            Record(request, response.StatusCode); // re-enters the lock, so the answer and its record stay one step
            return response;
        }
    }

    /// <summary>
    /// Records a request with the status it was answered with: every answer of <see cref="Handle"/>, and a request answered
    /// without the cluster logic (the server stopping during a response delay).
    /// </summary>
    internal void Record(FakeRequest request, int statusCode)
    {
        lock (_lock)
        {
            _requests.Add(new FakeClusterRequest { Method = request.Method, Path = request.Path, Headers = request.Headers, BodyLength = request.Body.Length, StatusCode = statusCode });
        }
    }

    private FakeResponse HandleLocked(FakeRequest request)
    {
        if (_flakyRequests > 0)
        {
            _flakyRequests--;
            return Error(503, "service_unavailable", "The node is not responding (a simulated transient failure); retry later.");
        }

        Role? role = Authenticate(request.Headers.TryGetValue("Authorization", out string? authorization) ? authorization : null);
        if (role is null) return new FakeResponse(401, ClusterJson.Error("unauthorized", "Authentication failed: wrong or missing credentials."), BasicChallenge);

        string[] segments = request.Path.Trim('/').Split('/');
        string method = request.Method;
        switch (segments)
        {
            case ["v1", "modules"]:
                return method switch
                {
                    "GET" => Json(200, RedisEnterpriseModulesJson.Serialize(_modules)),
                    "POST" => Change(role.Value) ?? Upload(request, v1: true),
                    _ => MethodNotAllowed(method, request.Path),
                };
            case ["v1", "modules", string uid]:
                return method switch
                {
                    "GET" => GetModule(Uri.UnescapeDataString(uid)),
                    "DELETE" => Change(role.Value) ?? DeleteV1(Uri.UnescapeDataString(uid)),
                    _ => MethodNotAllowed(method, request.Path),
                };
            case ["v2", "modules"]:
                return method == "POST" ? Change(role.Value) ?? Upload(request, v1: false) : MethodNotAllowed(method, request.Path);
            case ["v2", "modules", string uid]:
                return method == "DELETE" ? Change(role.Value) ?? DeleteV2(Uri.UnescapeDataString(uid)) : MethodNotAllowed(method, request.Path);
            case ["v1" or "v2", "actions", string uid]:
                return method == "GET" ? GetAction(Uri.UnescapeDataString(uid), v1: segments[0] == "v1") : MethodNotAllowed(method, request.Path);
            default:
                return Error(404, "not_found", $"There is no route {request.Path} on this fake cluster.");
        }
    }

    /// <summary>The answer that stops a module change before it starts (Redis Software 8, or a user without update_cluster), or null to go on.</summary>
    private FakeResponse? Change(Role role)
    {
        if (_options.RedisSoftware8Mode)
        {
            return Error(405, "method_not_allowed", "Redis Software 8 removed module management from this route; user-defined modules are managed under /v2/modules/user-defined.");
        }

        return role == Role.Admin ? null : Error(403, "insufficient_permissions", "The user lacks the update_cluster permission (admin role only).");
    }

    private FakeResponse Upload(FakeRequest request, bool v1)
    {
        if (_nextUploadFailure is { } scripted)
        {
            _nextUploadFailure = null;
            return Error(scripted.StatusCode, scripted.Code, scripted.Message);
        }

        (ModuleInfo? package, ClusterError? error) = ModulePackageReader.Read(request.Headers.GetValueOrDefault("Content-Type"), request.Body, allowDependencies: !v1);
        if (error is not null) return Error(error.StatusCode, error.Code, error.Message);

        bool exists = _modules.Any(m => SameModule(m, package!))
            || _actions.Values.Any(a => a.IsUpload && !a.IsTerminal && a.Failure is null && SameModule(a.Module, package!));
        if (exists) return Error(400, "module_exists", $"The module {package!.ModuleName} {package.SemanticVersion} is already on the cluster.");

        ModuleInfo module = ClusterJson.With(package!, "uid", Guid.NewGuid().ToString("N"));
        if (v1)
        {
            _modules.Add(module);
            return Json(200, RedisEnterpriseModulesJson.Serialize(module));
        }

        ClusterError? failure = _nextActionFailure;
        _nextActionFailure = null;
        FakeAction action = Track(new FakeAction("module_upload", $"Upload module {module.ModuleName} {module.SemanticVersion}", module, isUpload: true, _options.PollsToComplete, failure));
        return Json(_options.UploadSuccessStatusCode, RedisEnterpriseModulesJson.Serialize(ClusterJson.With(module, "action_uid", action.Uid)));
    }

    private FakeResponse GetModule(string uid) =>
        Find(uid) is { } module ? Json(200, RedisEnterpriseModulesJson.Serialize(module)) : ModuleNotFound(uid);

    private FakeResponse DeleteV1(string uid)
    {
        if (Find(uid) is not { } module) return ModuleNotFound(uid);
        if (module.Dependencies is { Count: > 0 })
        {
            return Error(400, "dependencies_not_supported", $"You can use the following API endpoint to delete this module with its dependencies: /v2/modules/{uid}");
        }

        _modules.Remove(module);
        return new FakeResponse(200, null);
    }

    private FakeResponse DeleteV2(string uid)
    {
        if (Find(uid) is not { } module) return ModuleNotFound(uid);
        FakeAction action = Track(new FakeAction("module_delete", $"Delete module {module.ModuleName} {module.SemanticVersion}", module, isUpload: false, _options.PollsToComplete, failure: null));
        return Json(200, ClusterJson.Write(writer => writer.WriteString("action_uid", action.Uid)));
    }

    private FakeResponse GetAction(string uid, bool v1)
    {
        if (!_actions.TryGetValue(uid, out FakeAction? action)) return Error(404, "action_not_found", $"Action {uid} does not exist.");
        if (action.Poll() && action.Failure is null)
        {
            if (action.IsUpload) _modules.Add(action.Module);
            else _modules.RemoveAll(m => m.Uid == action.Module.Uid);
        }

        return Json(200, v1 ? action.ToV1Json() : action.ToV2Json());
    }

    private FakeAction Track(FakeAction action)
    {
        _actions.Add(action.Uid, action);
        return action;
    }

    private ModuleInfo? Find(string uid) => _modules.Find(m => m.Uid == uid);

    private Role? Authenticate(string? authorization)
    {
        const string Scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        int colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        string user = credentials[..colon], password = credentials[(colon + 1)..];
        if (user == _options.Username && password == _options.Password) return Role.Admin;
        if (_options.ReadOnlyUsername is not null && user == _options.ReadOnlyUsername && password == _options.ReadOnlyPassword) return Role.ReadOnly;
        return null;
    }

    private static bool SameModule(ModuleInfo a, ModuleInfo b) =>
        string.Equals(a.ModuleName, b.ModuleName, StringComparison.Ordinal) && string.Equals(a.SemanticVersion, b.SemanticVersion, StringComparison.Ordinal);

    private static FakeResponse ModuleNotFound(string uid) => Error(404, "module_not_found", $"Module {uid} does not exist.");

    private static FakeResponse MethodNotAllowed(string method, string path) => Error(405, "method_not_allowed", $"{method} is not allowed on {path}.");

    private static FakeResponse Error(int statusCode, string code, string message) => new(statusCode, ClusterJson.Error(code, message));

    private static FakeResponse Json(int statusCode, string json) => new(statusCode, json);
}
