using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// The body of an admin object of kind "token", named by the token's SHA-256 (hex): what the
/// token is, never its secret. Usage (last_used, a session's sliding expiry) is kept apart in
/// kind "token-use" so a usage write racing a revoke cannot bring a revoked token back.
/// </summary>
public sealed class StoredToken
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("user")]
    public string User { get; set; } = "";

    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; set; }

    /// <summary>Absolute expiry (null: never). A session's idle expiry is in <see cref="TokenUse"/>.</summary>
    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; set; }

    [JsonPropertyName("session")]
    public bool Session { get; set; }
}

/// <summary>The body of an admin object of kind "token-use" (same name as its token).</summary>
public sealed class TokenUse
{
    [JsonPropertyName("last_used")]
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>A session's sliding expiry: last use + SessionMinutes.</summary>
    [JsonPropertyName("idle_expires")]
    public DateTimeOffset? IdleExpires { get; set; }
}

/// <summary>The body of an admin object of kind "user", named by the user name.</summary>
public sealed class StoredUser
{
    [JsonPropertyName("role")]
    public string Role { get; set; } = ApiRoles.Reader;

    [JsonPropertyName("password_hash")]
    public string PasswordHash { get; set; } = "";
}

/// <summary>A token as the API lists it (no secret, no hash).</summary>
public sealed record TokenInfo(string Name, string User, string Role, DateTimeOffset Created, DateTimeOffset? Expires,
    DateTimeOffset? LastUsed, bool Session);
