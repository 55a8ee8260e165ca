using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// Checks <see cref="RedisEnterpriseModulesClientOptions"/>: code generated from its attributes, then its
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules.
/// </summary>
[OptionsValidator]
internal sealed partial class RedisEnterpriseModulesClientOptionsValidator : IValidateOptions<RedisEnterpriseModulesClientOptions>
{
    private static readonly RedisEnterpriseModulesClientOptionsValidator Instance = new();

    /// <summary>Every problem, each a sentence that starts with its setting's name.</summary>
    internal static IReadOnlyList<string> Problems(RedisEnterpriseModulesClientOptions options)
    {
        ValidateOptionsResult result = Instance.Validate(name: null, options);
        return result.Failed ? [.. result.Failures.Select(WithoutMemberPrefix)] : [];
    }

    /// <summary>The result builder puts "Setting: " before each message; ours already start with the setting.</summary>
    private static string WithoutMemberPrefix(string failure)
    {
        int colon = failure.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? failure : failure[(colon + 2)..];
    }
}
