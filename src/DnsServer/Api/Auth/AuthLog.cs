using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Api.Auth;

/// <summary>Log messages of API authentication (event IDs 8101–8199, stable).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(8101, LogLevel.Warning,
        "No administrator is configured: created admin token 'bootstrap'. It is shown ONCE, here, and never again: {Token} " +
        "(send it as 'Authorization: Bearer <token>'). Create your own tokens with POST /api/v1/tokens, then revoke this one " +
        "with DELETE /api/v1/tokens/bootstrap; or set SplitDns:Api:AdminToken / AdminPassword.")]
    public static partial void BootstrapToken(ILogger logger, string token);

    [LoggerMessage(8102, LogLevel.Warning, "Could not check or create the bootstrap admin token in {Store}: {Reason}")]
    public static partial void BootstrapFailed(ILogger logger, string store, string reason);

    [LoggerMessage(8103, LogLevel.Information, "API login of user {User} from {Client} failed")]
    public static partial void LoginFailed(ILogger logger, string user, string client);

    [LoggerMessage(8104, LogLevel.Warning, "API logins from {Client} refused for {Seconds} s after repeated failures")]
    public static partial void LoginThrottled(ILogger logger, string client, int seconds);

    [LoggerMessage(8105, LogLevel.Information, "API token {Name} created for user {User} with role {Role}")]
    public static partial void TokenCreated(ILogger logger, string name, string user, string role);

    [LoggerMessage(8106, LogLevel.Information, "API token {Name} revoked")]
    public static partial void TokenRevoked(ILogger logger, string name);

    [LoggerMessage(8107, LogLevel.Warning, "Could not record the use of API token {Name}: {Reason}")]
    public static partial void UsageWriteFailed(ILogger logger, string name, string reason);

    [LoggerMessage(8108, LogLevel.Warning, "API authentication could not read the admin store: {Reason}")]
    public static partial void StoreUnavailable(ILogger logger, string reason);
}
