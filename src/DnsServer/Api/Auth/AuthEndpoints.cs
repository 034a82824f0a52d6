using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// /api/v1/login and /logout, /api/v1/tokens and /api/v1/users (docs/api.md, "Authentication
/// and tokens"). Changes need an admin token; a reader lists only its own tokens.
/// </summary>
public static class AuthEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        api.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithName("Login").WithSummary("Exchanges a user name and password for a session token (SessionMinutes idle expiry).");
        api.MapPost("/logout", LogoutAsync)
            .WithName("Logout").WithSummary("Ends the calling session token (other tokens are left alone).");
        api.MapGet("/tokens", ListTokensAsync)
            .WithName("ListTokens").WithSummary("Tokens without secrets: every token for an admin, the caller's own for a reader.");
        api.MapPost("/tokens", CreateTokenAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("CreateToken").WithSummary("Creates a token for the caller's user; the secret is in this response only.");
        api.MapDelete("/tokens/{name}", RevokeTokenAsync).RequireAuthorization(ApiRoles.AdminPolicy)
            .WithName("RevokeToken").WithSummary("Revokes a token at once (other replicas: within TokenCacheSeconds).");
        UserEndpoints.Map(api);
    }

    /// <summary>A failure of the admin store (database down, locked, unreachable): 503, nothing changed.</summary>
    public static bool IsStoreFailure(Exception ex) => ex is DbException or TimeoutException or IOException
        or System.Net.Sockets.SocketException;

    /// <summary>Runs <paramref name="call"/>, answering 503 when the admin store fails.</summary>
    internal static async Task<IResult> StoreCallAsync(Func<Task<IResult>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            return ApiProblem.Unavailable("the admin store is unavailable: " + ex.Message);
        }
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IApiAccounts accounts, LoginThrottle throttle, ILogger<LoginThrottle> log)
    {
        IPAddress client = http.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.RetryAfter(client) is { } wait)
        {
            int seconds = (int)Math.Ceiling(wait.TotalSeconds);
            AuthLog.LoginThrottled(log, client.ToString(), seconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiProblem.Create(StatusCodes.Status429TooManyRequests,
                $"too many failed logins from {client}: try again in {seconds} s");
        }

        var (body, error) = await JsonBody.ReadAsync(http.Request).ConfigureAwait(false);
        string? user = error is null ? JsonBody.String(body, "user", out error) : null;
        string? password = error is null ? JsonBody.String(body, "password", out error) : null;
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(user))
        {
            return ApiProblem.BadRequest("user", "required");
        }

        if (string.IsNullOrEmpty(password))
        {
            return ApiProblem.BadRequest("password", "required");
        }

        return await StoreCallAsync(async () =>
        {
            ApiIdentity? identity = await accounts.CheckPasswordAsync(user, password, http.RequestAborted).ConfigureAwait(false);
            if (identity is null)
            {
                throttle.Failed(client);
                AuthLog.LoginFailed(log, user, client.ToString());
                return ApiProblem.Create(StatusCodes.Status401Unauthorized, "wrong user name or password");
            }

            throttle.Succeeded(client);
            IssuedToken session = await accounts.CreateSessionAsync(identity.User, identity.Role, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new SessionJson(session.Token, session.User, session.Role, session.Expires));
        }).ConfigureAwait(false);
    }

    private static Task<IResult> LogoutAsync(HttpContext http, IApiAccounts accounts) => StoreCallAsync(async () =>
    {
        if (TokenAuthenticationHandler.FindToken(http.Request) is { } token)
        {
            await accounts.EndSessionAsync(token, http.RequestAborted).ConfigureAwait(false);
        }

        return Results.NoContent();
    });

    private static Task<IResult> ListTokensAsync(HttpContext http, IApiAccounts accounts) => StoreCallAsync(async () =>
    {
        string? only = http.User.IsInRole(ApiRoles.Admin) ? null : http.User.Identity?.Name ?? "";
        IReadOnlyList<TokenInfo> tokens = await accounts.ListTokensAsync(only, http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new TokenList(tokens.Select(t => new TokenJson(t.Name, t.User, t.Role, t.Created, t.Expires, t.LastUsed, t.Session))));
    });

    private static async Task<IResult> CreateTokenAsync(HttpContext http, IApiAccounts accounts)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request).ConfigureAwait(false);
        string? name = error is null ? JsonBody.String(body, "name", out error) : null;
        string? role = error is null ? JsonBody.String(body, "role", out error) : null;
        int? days = error is null ? JsonBody.Int(body, "expires_in_days", 1, 36_500, out error) : null;
        if (error is not null)
        {
            return error;
        }

        if (ValidateTokenName(name) is { } reason)
        {
            return ApiProblem.BadRequest("name", reason);
        }

        role ??= ApiRoles.Admin;
        if (!ApiRoles.IsKnown(role))
        {
            return ApiProblem.BadRequest("role", $"must be '{ApiRoles.Admin}' or '{ApiRoles.Reader}'");
        }

        string user = http.User.Identity?.Name ?? StoredAccounts.AdminUser;
        return await StoreCallAsync(async () =>
        {
            TimeSpan? lifetime = days is { } d ? TimeSpan.FromDays(d) : null;
            IssuedToken? issued = await accounts.CreateTokenAsync(user, name!, role, lifetime, http.RequestAborted).ConfigureAwait(false);
            return issued is null
                ? ApiProblem.Conflict($"a token named '{name}' exists")
                : Results.Json(new CreatedToken(issued.Token, issued.Name, issued.User, issued.Role, issued.Expires),
                    ApiHttpJson.Options(http).Info<CreatedToken>(), statusCode: StatusCodes.Status201Created);
        }).ConfigureAwait(false);
    }

    private static Task<IResult> RevokeTokenAsync(string name, HttpContext http, IApiAccounts accounts) => StoreCallAsync(async () =>
        await accounts.RevokeTokenAsync(name, http.RequestAborted).ConfigureAwait(false)
            ? Results.NoContent()
            : ApiProblem.NotFound($"no token named '{name}'"));

    /// <summary>Null when <paramref name="name"/> is a valid token name; otherwise why not.</summary>
    internal static string? ValidateTokenName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "required";
        }

        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return "1 to 64 letters, digits, '.', '_' or '-'";
        }

        return name.StartsWith("session-", StringComparison.Ordinal) ? "names starting 'session-' are login sessions" : null;
    }

    internal sealed record SessionJson(string Token, string User, string Role, DateTimeOffset? Expires);

    internal sealed record TokenList(IEnumerable<TokenJson> Tokens);

    internal sealed record TokenJson(string Name, string User, string Role, DateTimeOffset Created, DateTimeOffset? Expires,
        [property: JsonPropertyName("last_used")] DateTimeOffset? LastUsed, bool Session);

    internal sealed record CreatedToken(string Token, string Name, string User, string Role, DateTimeOffset? Expires);
}
