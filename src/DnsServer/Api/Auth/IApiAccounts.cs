namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Users and API tokens. Tokens are random secrets shown once and stored only as a hash; a
/// password is stored as a salted PBKDF2 hash. The authentication handler, /api/v1/login and
/// /api/v1/tokens, and the Technitium-compatible login calls go through here.
/// </summary>
public interface IApiAccounts
{
    /// <summary>The identity of a valid token, or null.</summary>
    ValueTask<ApiIdentity?> AuthenticateTokenAsync(string token, CancellationToken ct);

    /// <summary>The identity of a user whose password matches, or null.</summary>
    ValueTask<ApiIdentity?> CheckPasswordAsync(string user, string password, CancellationToken ct);

    /// <summary>
    /// Issues a new token for <paramref name="user"/>; the secret is in the result only. Null when
    /// a token named <paramref name="tokenName"/> exists (names are unique across users).
    /// </summary>
    Task<IssuedToken?> CreateTokenAsync(string user, string tokenName, string role, TimeSpan? lifetime, CancellationToken ct);

    /// <summary>A login session for <paramref name="user"/>: expires after SessionMinutes without use.</summary>
    Task<IssuedToken> CreateSessionAsync(string user, string role, CancellationToken ct);

    /// <summary>Every stored token (<paramref name="user"/> null) or only that user's, by name, without secrets.</summary>
    Task<IReadOnlyList<TokenInfo>> ListTokensAsync(string? user, CancellationToken ct);

    /// <summary>Revokes the token named <paramref name="tokenName"/> at once on this replica; false when there is none.</summary>
    Task<bool> RevokeTokenAsync(string tokenName, CancellationToken ct);

    /// <summary>Revokes <paramref name="token"/> when it is a login session; false otherwise.</summary>
    Task<bool> EndSessionAsync(string token, CancellationToken ct);
}

/// <summary>A token just issued: its secret (shown once, never stored) and what it is.</summary>
public sealed record IssuedToken(string Token, string User, string Name, string Role, DateTimeOffset? Expires);
