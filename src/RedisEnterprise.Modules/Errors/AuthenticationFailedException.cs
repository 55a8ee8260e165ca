using RedisEnterprise.Modules.Errors;

namespace RedisEnterprise.Modules;

/// <summary>401: the username or password is wrong or missing.</summary>
public class AuthenticationFailedException : RedisEnterpriseException
{
    /// <summary>Creates the exception (useful for mocking).</summary>
    /// <param name="message">The message.</param>
    public AuthenticationFailedException(string message) : base(message, 401) { }

    internal AuthenticationFailedException(ErrorDetails details)
        : base(details, "The cluster rejected the credentials: check Username and Password.") { }
}
