namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Users and API tokens. Tokens are random secrets shown once and stored only as a hash; a
/// password is stored as a salted PBKDF2 hash. The authentication handler and the
/// Technitium-compatible login calls go through here.
/// </summary>
public interface IApiAccounts
{
    /// <summary>The identity of a valid token, or null.</summary>
    ValueTask<ApiIdentity?> AuthenticateTokenAsync(string token, CancellationToken ct);

    /// <summary>The identity of a user whose password matches, or null.</summary>
    ValueTask<ApiIdentity?> CheckPasswordAsync(string user, string password, CancellationToken ct);

    /// <summary>Issues a new token for <paramref name="user"/>; the secret is in the result only.</summary>
    Task<IssuedToken> CreateTokenAsync(string user, string tokenName, string role, TimeSpan? lifetime, CancellationToken ct);
}

/// <summary>A token just issued: its secret (shown once, never stored) and what it is.</summary>
public sealed record IssuedToken(string Token, string User, string Name, string Role, DateTimeOffset? Expires);
