using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Server.Api.Auth;
using SplitDns.Server.Hosting;

namespace SplitDns.Server.Api.Technitium;

/// <summary>/api/user/login, /api/user/createToken, /api/user/logout: fields at top level (DnsWebService.cs:2247-2265).</summary>
internal static class TechnitiumUserCalls
{
    public const string Version = "15.2";

    /// <summary>Params user, pass, includeInfo: a session token, as /api/v1/login (throttled the same way).</summary>
    public static async Task<object?> LoginAsync(TechnitiumCall call)
    {
        ApiIdentity identity = await CheckPasswordAsync(call).ConfigureAwait(false);
        IApiAccounts accounts = call.Services.GetRequiredService<IApiAccounts>();
        IssuedToken session = await accounts.CreateSessionAsync(identity.User, identity.Role, call.Aborted).ConfigureAwait(false);
        var result = new Dictionary<string, object?>
        {
            ["displayName"] = identity.User == StoredAccounts.AdminUser ? "Administrator" : identity.User,
            ["username"] = identity.User,
            ["isSsoUser"] = false,
            ["totpEnabled"] = false,
            ["token"] = session.Token,
        };
        if (call.Request.Bool("includeInfo", false))
        {
            result["info"] = Info(call, identity);
        }

        return result;
    }

    /// <summary>
    /// Param tokenName, with a token or user + pass: a token that never expires, with the caller's
    /// role. Technitium allows two tokens of one name; SplitDns names are unique, so a taken name
    /// gets "-2", "-3", … (a setup script run twice keeps working; tokenName says which).
    /// </summary>
    public static async Task<object?> CreateTokenAsync(TechnitiumCall call)
    {
        string tokenName = call.Request.Required("tokenName");
        if (AuthEndpoints.ValidateTokenName(tokenName) is { } reason)
        {
            throw new TechnitiumException($"Parameter 'tokenName': {reason}.");
        }

        ApiIdentity identity = call.Request.Token is not null
            ? await TechnitiumEndpoints.AuthenticateAsync(call.Request, call.Services).ConfigureAwait(false)
            : await CheckPasswordAsync(call).ConfigureAwait(false);
        IApiAccounts accounts = call.Services.GetRequiredService<IApiAccounts>();
        for (int n = 1; n <= 100; n++)
        {
            string name = n == 1 ? tokenName : tokenName + "-" + n.ToString(CultureInfo.InvariantCulture);
            IssuedToken? issued = await accounts.CreateTokenAsync(identity.User, name, identity.Role, null, call.Aborted).ConfigureAwait(false);
            if (issued is not null)
            {
                return new TechnitiumJson.TokenCreated(issued.User, issued.Name, issued.Token);
            }
        }

        throw new TechnitiumException($"Too many tokens named '{tokenName}'.");
    }

    /// <summary>Ends the calling session (a non-session token is left alone, as /api/v1/logout).</summary>
    public static async Task<object?> LogoutAsync(TechnitiumCall call)
    {
        IApiAccounts accounts = call.Services.GetRequiredService<IApiAccounts>();
        await accounts.EndSessionAsync(call.Request.Token!, call.Aborted).ConfigureAwait(false);
        return null;
    }

    private static async Task<ApiIdentity> CheckPasswordAsync(TechnitiumCall call)
    {
        LoginThrottle throttle = call.Services.GetRequiredService<LoginThrottle>();
        IPAddress client = call.Request.Http.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.RetryAfter(client) is { } wait)
        {
            throw new TechnitiumException(
                $"Too many failed logins from {client}: try again in {(int)Math.Ceiling(wait.TotalSeconds)} seconds.");
        }

        string user = call.Request.Required("user");
        string pass = call.Request.Required("pass");
        IApiAccounts accounts = call.Services.GetRequiredService<IApiAccounts>();
        ApiIdentity? identity = await accounts.CheckPasswordAsync(user, pass, call.Aborted).ConfigureAwait(false);
        if (identity is null)
        {
            throttle.Failed(client);
            call.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TechnitiumUserCalls))
                .LogInformation("Technitium login of user {User} from {Client} failed", user, client);
            throw new TechnitiumException("Invalid username or password for user: " + user);
        }

        throttle.Succeeded(client);
        return identity;
    }

    private static TechnitiumJson.Info Info(TechnitiumCall call, ApiIdentity identity)
    {
        bool admin = identity.Role == ApiRoles.Admin;
        var section = new TechnitiumJson.Permission(true, admin, admin);
        return new TechnitiumJson.Info(
            Version,
            call.Services.GetRequiredService<IOptions<ServerSettings>>().Value.Domain.ToString().TrimEnd('.'),
            3600,
            14400,
            900,
            new Dictionary<string, TechnitiumJson.Permission> { ["Dashboard"] = section, ["Zones"] = section, ["Settings"] = section });
    }
}
