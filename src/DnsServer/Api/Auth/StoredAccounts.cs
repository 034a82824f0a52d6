using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SplitDns.Server.Admin;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Users and tokens in the admin store (kinds "user", "token", "token-name", "token-use"), plus
/// the credentials from configuration: Api:AdminToken is an admin token and Api:AdminPassword
/// user "admin"'s password, both compared in memory in constant time and never stored.
/// Validated stored tokens are cached for Api:TokenCacheSeconds (<see cref="TokenCache"/>).
/// </summary>
public sealed partial class StoredAccounts : IApiAccounts
{
    public const string AdminUser = "admin";
    public const string TokenKind = "token";
    public const string TokenNameKind = "token-name";
    public const string TokenUseKind = "token-use";
    public const string UserKind = "user";

    /// <summary>last_used is written at most this often per token (and a session's idle expiry with it).</summary>
    private static readonly TimeSpan s_useWriteInterval = TimeSpan.FromMinutes(1);

    /// <summary>Verified against for unknown users, so a wrong user name costs the same time as a wrong password.</summary>
    private static readonly Lazy<string> s_dummyHash = new(() => PasswordHash.Create("splitdns-no-such-user"));

    private readonly IAdminStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TokenCache _cache;
    private readonly TimeSpan _session;
    private readonly byte[]? _configTokenHash;
    private readonly byte[]? _configPasswordHash;

    public StoredAccounts(ApiSettings settings, IAdminStore store, TimeProvider time, ILogger<StoredAccounts> log)
    {
        _store = store;
        _time = time;
        _log = log;
        _cache = new TokenCache(TimeSpan.FromSeconds(settings.TokenCacheSeconds));
        _session = TimeSpan.FromMinutes(settings.SessionMinutes);
        _configTokenHash = settings.AdminToken.Length > 0 ? Sha256(settings.AdminToken) : null;
        _configPasswordHash = settings.AdminPassword.Length > 0 ? Sha256(settings.AdminPassword) : null;
    }

    /// <summary>True when configuration gives an administrator token or password (no bootstrap token then).</summary>
    public bool HasConfiguredAdmin => _configTokenHash is not null || _configPasswordHash is not null;

    public async ValueTask<ApiIdentity?> AuthenticateTokenAsync(string token, CancellationToken ct)
    {
        if (Matches(_configTokenHash, token))
        {
            return new ApiIdentity(AdminUser, ApiRoles.Admin, "configuration");
        }

        // Only generated tokens are stored: anything else is refused without a database round trip.
        if (!token.StartsWith(TokenSecret.Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }

        string key = TokenSecret.Hash(token);
        DateTimeOffset now = _time.GetUtcNow();
        if (!_cache.TryGet(key, now, out CachedToken? entry))
        {
            entry = await LoadAsync(key, now, ct).ConfigureAwait(false);
            if (entry is null)
            {
                return null;
            }

            _cache.Set(entry);
        }

        if (entry.IsExpired(now))
        {
            _cache.Remove(key);
            return null;
        }

        if (entry.LastUsed is not { } last || now - last >= s_useWriteInterval)
        {
            await RecordUseAsync(entry, now, ct).ConfigureAwait(false);
        }

        return entry.Identity;
    }

    public async ValueTask<ApiIdentity?> CheckPasswordAsync(string user, string password, CancellationToken ct)
    {
        if (user == AdminUser && _configPasswordHash is not null)
        {
            // Configuration owns user "admin" when it sets a password: a stored "admin" is not consulted.
            return Matches(_configPasswordHash, password) ? new ApiIdentity(AdminUser, ApiRoles.Admin, "password") : null;
        }

        StoredUser? stored = user.Length is > 0 and <= 64 ? await GetAsync<StoredUser>(UserKind, user, ct).ConfigureAwait(false) : null;
        bool ok = PasswordHash.Verify(password, stored?.PasswordHash ?? s_dummyHash.Value) && stored is not null;
        return ok ? new ApiIdentity(user, stored!.Role, "password") : null;
    }

    private async Task<CachedToken?> LoadAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        StoredToken? token = await GetAsync<StoredToken>(TokenKind, key, ct).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }

        TokenUse? use = await GetAsync<TokenUse>(TokenUseKind, key, ct).ConfigureAwait(false);
        return new CachedToken(key, token, now) { LastUsed = use?.LastUsed, IdleExpires = use?.IdleExpires };
    }

    /// <summary>
    /// Writes last_used (and slides a session's idle expiry): once a minute per token, so most calls
    /// are answered from the cache alone. A failed write is logged and the call goes on.
    /// </summary>
    private async Task RecordUseAsync(CachedToken entry, DateTimeOffset now, CancellationToken ct)
    {
        entry.LastUsed = now;
        if (entry.Token.Session)
        {
            entry.IdleExpires = now + _session;
        }

        try
        {
            var use = new TokenUse { LastUsed = now, IdleExpires = entry.IdleExpires };
            await _store.PutAsync(TokenUseKind, entry.Key, JsonSerializer.Serialize(use, DefaultJson.Options.Info<TokenUse>()), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuthLog.UsageWriteFailed(_log, entry.Token.Name, ex.Message);
        }
    }

    private async Task<T?> GetAsync<T>(string kind, string name, CancellationToken ct)
        where T : class
    {
        AdminObject? o = await _store.GetAsync(kind, name, ct).ConfigureAwait(false);
        return o is null ? null : JsonSerializer.Deserialize(o.Body, DefaultJson.Options.Info<T>());
    }

    private static bool Matches(byte[]? expected, string candidate) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(expected, Sha256(candidate));

    private static byte[] Sha256(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
