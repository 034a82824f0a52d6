using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Authenticates API requests by token: <c>Authorization: Bearer &lt;token&gt;</c>, or the
/// <c>token</c> query parameter (what Technitium scripts send). No token is anonymous (401 where
/// a token is needed); a wrong one fails. 401 and 403 answer with RFC 9457 problem details.
/// </summary>
public sealed class TokenAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "SplitDnsToken";

    /// <summary>HttpContext.Items key set when the store could not be read (the challenge answers 503, not 401).</summary>
    private const string StoreDownItem = "splitdns.auth.store-down";

    private readonly IApiAccounts _accounts;

    public TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
        UrlEncoder encoder, IApiAccounts accounts)
        : base(options, logger, encoder)
    {
        _accounts = accounts;
    }

    /// <summary>The token the request carries (header first, then the query string), or null.</summary>
    public static string? FindToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        string? query = request.Query["token"];
        return string.IsNullOrEmpty(query) ? null : query;
    }

    /// <summary>A principal for <paramref name="identity"/> with its user name and role claims.</summary>
    public static ClaimsPrincipal Principal(ApiIdentity identity)
    {
        var claims = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, identity.User),
            new Claim(ClaimTypes.Role, identity.Role),
            new Claim("token_name", identity.TokenName),
        ], SchemeName);
        return new ClaimsPrincipal(claims);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = FindToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        ApiIdentity? identity;
        try
        {
            identity = await _accounts.AuthenticateTokenAsync(token, Context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (AuthEndpoints.IsStoreFailure(ex))
        {
            AuthLog.StoreUnavailable(Logger, ex.Message);
            Context.Items[StoreDownItem] = ex.Message;
            return AuthenticateResult.Fail("the admin store is unavailable");
        }

        return identity is null
            ? AuthenticateResult.Fail("invalid or expired token")
            : AuthenticateResult.Success(new AuthenticationTicket(Principal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(StoreDownItem))
        {
            return ApiProblem.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable,
                "the token cannot be checked: the admin store is unavailable");
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        string detail = FindToken(Request) is null
            ? "this call needs an API token: Authorization: Bearer <token> (or ?token=)"
            : "the token is not valid (unknown, revoked or expired)";
        return ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden,
            $"token of user '{Context.User.Identity?.Name}' may not do this: it needs the {ApiRoles.Admin} role");
}
