using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RedisEnterprise.Modules.Testing.Internal;

/// <summary>
/// What the cluster knows and does, whichever listener a request reaches: the configuration store (modules), actions,
/// users, scripted failures and the request log. Each operation runs whole under one lock, so state stays consistent
/// under parallel requests. Nothing here knows HTTP; <see cref="ClusterRoutes"/> maps the routes onto these operations.
/// </summary>
internal sealed partial class ClusterState
{
    private static readonly IReadOnlyDictionary<string, string> BasicChallenge = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"rest_api\"" };

#if NET9_0_OR_GREATER
    private readonly Lock _lock = new();
#else
    private readonly object _lock = new();
#endif
    private readonly List<FakeModule> _modules = [];
    private readonly Dictionary<string, FakeAction> _actions = new(StringComparer.Ordinal);
    private readonly List<FakeClusterRequest> _requests = [];
    private int _flakyRequests;
    private ClusterError? _nextUploadFailure;
    private ClusterError? _nextActionFailure;

    internal ClusterState(FakeClusterOptions options)
    {
        Options = options;
        _flakyRequests = options.FlakyRequests;
        if (options.SeedBundledModules) _modules.AddRange(BundledModules.Create());
        _allowModulesUpload = options.AllowModulesUpload;
        foreach (FakeDatabase database in options.Databases) AddDatabase(database);
    }

    /// <summary>Raised when a request reaches a listener, before any response delay.</summary>
    internal event EventHandler? RequestArrived;

    internal FakeClusterOptions Options { get; }

    internal IReadOnlyList<ModuleInfo> Modules
    {
        get
        {
            lock (_lock) return _modules.Select(m => m.ToModuleInfo()).ToArray();
        }
    }

    internal IReadOnlyList<FakeClusterRequest> Requests
    {
        get
        {
            lock (_lock) return _requests.ToArray();
        }
    }

    internal void OnRequestArrived() => RequestArrived?.Invoke(this, EventArgs.Empty);

    internal void Record(FakeClusterRequest request)
    {
        lock (_lock) _requests.Add(request);
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

    /// <summary>The 503 answer when this request is one of the scripted transient failures, or null to go on.</summary>
    internal FakeResponse? TakeFlakyRequest()
    {
        lock (_lock)
        {
            if (_flakyRequests == 0) return null;
            _flakyRequests--;
        }

        return FakeResponse.Error(503, "service_unavailable", "The node is not responding (a simulated transient failure); retry later.");
    }

    /// <summary>The user's role for a Basic <c>Authorization</c> header, or the 401 answer.</summary>
    internal (ClusterRole? Role, FakeResponse? Refusal) Authenticate(string? authorization)
    {
        ClusterRole? role = RoleOf(authorization);
        return role is null
            ? (null, new FakeResponse(401, ClusterJson.Error("unauthorized", "Authentication failed: wrong or missing credentials."), BasicChallenge))
            : (role, null);
    }

    /// <summary>The answer that stops a change before it starts (Redis Software 8, or a user without update_cluster), or null to go on.</summary>
    internal FakeResponse? RefuseChange(ClusterRole role, RouteRules rules)
    {
        if (rules.RemovedInRedisSoftware8 && Options.IsUserDefined)
        {
            return FakeResponse.Error(405, "method_not_allowed", "Redis Software 8 removed module management from this route; user-defined modules are managed under /v2/modules/user-defined.");
        }

        if (rules.AddedInRedisSoftware8 && !Options.IsUserDefined)
        {
            return FakeResponse.Error(404, "not_found", $"Redis Software {Options.SoftwareVersion} has no user-defined module routes (they came with 8.0).");
        }

        return role == ClusterRole.Admin || rules.ReadsOnly ? null : FakeResponse.Error(403, "insufficient_permissions", "The user lacks the update_cluster permission (admin role only).");
    }

    /// <summary>The scripted failure of this upload (<see cref="FakeRedisEnterpriseCluster.FailNextUploadWith"/>), or null to read the package.</summary>
    internal FakeResponse? TakeUploadFailure()
    {
        lock (_lock)
        {
            ClusterError? scripted = _nextUploadFailure;
            _nextUploadFailure = null;
            return scripted?.ToResponse();
        }
    }

    /// <summary>Stores a valid package's module (v1) or starts the action that stores it (v2), unless it exists already.</summary>
    internal FakeResponse AcceptUpload(FakeModule package, bool v1)
    {
        lock (_lock)
        {
            bool exists = _modules.Any(m => m.IsSameModuleAs(package))
                || _actions.Values.Any(a => a.Uploading is { } uploading && !a.IsTerminal && a.Failure is null && uploading.IsSameModuleAs(package));
            if (exists) return FakeResponse.Error(400, "module_exists", $"The module {package.ModuleName} {package.SemanticVersion} is already on the cluster.");

            FakeModule module = package with { Uid = Guid.NewGuid().ToString("N") };
            if (v1)
            {
                _modules.Add(module);
                return Json(200, module);
            }

            FakeAction action = Track(new FakeAction(
                "module_upload", $"Upload module {module.ModuleName} {module.SemanticVersion}", "module", module.Uid!, Options.PollsToComplete, TakeActionFailure(), () => _modules.Add(module), uploading: module));
            return Json(Options.UploadSuccessStatusCode, module with { ActionUid = action.Uid });
        }
    }

    internal FakeResponse ListModules()
    {
        lock (_lock) return new FakeResponse(200, JsonSerializer.Serialize(_modules, FakeClusterJsonContext.Default.IReadOnlyListFakeModule));
    }

    internal FakeResponse GetModule(string uid)
    {
        lock (_lock) return Find(uid) is { } module ? Json(200, module) : ModuleNotFound(uid);
    }

    internal FakeResponse DeleteV1(string uid)
    {
        lock (_lock)
        {
            if (Find(uid) is not { } module) return ModuleNotFound(uid);
            if (IsInUse(uid)) return ModuleInUse(module);
            if (module.Dependencies is { Count: > 0 })
            {
                return FakeResponse.Error(400, "dependencies_not_supported", $"You can use the following API endpoint to delete this module with its dependencies: /v2/modules/{uid}");
            }

            _modules.Remove(module);
            return new FakeResponse(200, null);
        }
    }

    internal FakeResponse DeleteV2(string uid)
    {
        lock (_lock)
        {
            if (Find(uid) is not { } module) return ModuleNotFound(uid);
            if (IsInUse(uid)) return ModuleInUse(module);
            FakeAction action = Track(new FakeAction(
                "module_delete", $"Delete module {module.ModuleName} {module.SemanticVersion}", "module", uid, Options.PollsToComplete, failure: null, () => _modules.RemoveAll(m => m.Uid == uid)));
            return new FakeResponse(200, ClusterJson.Write(writer => writer.WriteString("action_uid", action.Uid)));
        }
    }

    internal FakeResponse GetAction(string uid, bool v1)
    {
        lock (_lock)
        {
            if (!_actions.TryGetValue(uid, out FakeAction? action)) return FakeResponse.Error(404, "action_not_found", $"Action {uid} does not exist.");
            action.Poll();
            return new FakeResponse(200, v1 ? action.ToV1Json() : action.ToV2Json());
        }
    }

    /// <summary>The scripted failure of the next action started (<see cref="FakeRedisEnterpriseCluster.FailNextActionWith"/>), taken once.</summary>
    private ClusterError? TakeActionFailure()
    {
        ClusterError? failure = _nextActionFailure;
        _nextActionFailure = null;
        return failure;
    }

    private FakeAction Track(FakeAction action)
    {
        _actions.Add(action.Uid, action);
        return action;
    }

    private FakeModule? Find(string uid) => _modules.Find(m => m.Uid == uid);

    private ClusterRole? RoleOf(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out AuthenticationHeaderValue? header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        int colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        string user = credentials[..colon], password = credentials[(colon + 1)..];
        if (user == Options.Username && password == Options.Password) return ClusterRole.Admin;
        if (Options.ReadOnlyUsername is not null && user == Options.ReadOnlyUsername && password == Options.ReadOnlyPassword) return ClusterRole.ReadOnly;
        return null;
    }

    private static FakeResponse ModuleNotFound(string uid) => FakeResponse.Error(404, "module_not_found", $"Module {uid} does not exist.");

    private static FakeResponse Json(int statusCode, FakeModule module) => new(statusCode, JsonSerializer.Serialize(module, FakeClusterJsonContext.Default.FakeModule));
}
