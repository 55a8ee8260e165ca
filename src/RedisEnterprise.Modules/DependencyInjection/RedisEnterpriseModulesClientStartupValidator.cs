using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// Validates one named client's options at startup: the options' own rules, and the values its configuration section
/// holds but that do not read. Each problem names its setting, as the full configuration key when bound from
/// configuration (<c>RedisEnterprise:Endpoint is required…</c>).
/// </summary>
internal sealed class RedisEnterpriseModulesClientStartupValidator(string name, IConfiguration? section) : IValidateOptions<RedisEnterpriseModulesClientOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, RedisEnterpriseModulesClientOptions options)
    {
        if ((optionsName ?? Options.DefaultName) != name) return ValidateOptionsResult.Skip;
        IEnumerable<string> problems = options.GetProblems();
        if (section is not null)
        {
            problems = RedisEnterpriseModulesClientOptionsSection.Read(section).Problems().Concat(problems);
        }

        string clientName = name.Length == 0 ? "the default client" : $"client '{name}'";
        string keyPrefix = section is IConfigurationSection { Path.Length: > 0 } named ? named.Path + ":" : string.Empty;
        List<string> failures = [.. problems.Select(p => $"RedisEnterprise.Modules {clientName}: {keyPrefix}{p}")];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
