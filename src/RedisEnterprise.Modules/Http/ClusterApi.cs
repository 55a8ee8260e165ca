using Refit;
using RedisEnterprise.Modules.Api;
using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Http;

/// <summary>The generated Refit clients for one cluster, wired to the SDK's JSON context, credentials and error map.</summary>
internal sealed class ClusterApi
{
    private ClusterApi(IModulesApi modules, IActionsApi actions)
    {
        Modules = modules;
        Actions = actions;
    }

    internal IModulesApi Modules { get; }

    internal IActionsApi Actions { get; }

    internal static ClusterApi Create(HttpClient httpClient, RedisEnterpriseModulesClientOptions options)
    {
        RefitSettings settings = CreateSettings(options);
        return new ClusterApi(RestService.ForGenerated<IModulesApi>(httpClient, settings), RestService.ForGenerated<IActionsApi>(httpClient, settings));
    }

    /// <summary>
    /// Refit settings for the module endpoints: source-generated JSON only, Basic credentials on every request,
    /// and every failure turned into the SDK's exceptions by <see cref="ErrorMap"/>.
    /// </summary>
    internal static RefitSettings CreateSettings(RedisEnterpriseModulesClientOptions options)
    {
        string token = ClusterHttpHandler.BasicToken(options.Username ?? string.Empty, options.Password ?? string.Empty);
        RefitSettings settings = RefitSettings.ForJsonContext(ModulesJsonContext.Default);
        settings.AuthorizationHeaderValueGetter = (_, _) => ValueTask.FromResult(token);
        settings.ExceptionFactory = ErrorMap.FromResponseAsync;
        settings.DeserializationExceptionFactory = ErrorMap.FromUnreadableBody;
        settings.TransportExceptionFactory = ErrorMap.FromTransportFailure;
        settings.MaxExceptionContentLength = ErrorMap.MaxErrorBodyChars;
        return settings;
    }
}
