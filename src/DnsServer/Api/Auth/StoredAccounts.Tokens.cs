using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SplitDns.Server.Admin;

namespace SplitDns.Server.Api.Auth;

public sealed partial class StoredAccounts
{
    public async Task<IssuedToken?> CreateTokenAsync(string user, string tokenName, string role, TimeSpan? lifetime, CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        return await IssueAsync(user, tokenName, role, now + lifetime, session: false, now, ct).ConfigureAwait(false);
    }

    public async Task<IssuedToken> CreateSessionAsync(string user, string role, CancellationToken ct)
    {
        DateTimeOffset now = _time.GetUtcNow();
        string name = "session-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        IssuedToken? issued = await IssueAsync(user, name, role, null, session: true, now, ct).ConfigureAwait(false);
        return issued ?? throw new InvalidOperationException("random session name collided");
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(string? user, CancellationToken ct)
    {
        IReadOnlyList<AdminObject> tokens = await _store.ListAsync(TokenKind, ct).ConfigureAwait(false);
        IReadOnlyList<AdminObject> uses = await _store.ListAsync(TokenUseKind, ct).ConfigureAwait(false);
        var useByKey = uses.ToDictionary(u => u.Name, u => JsonSerializer.Deserialize(u.Body, DefaultJson.Options.Info<TokenUse>())!, StringComparer.Ordinal);
        var list = new List<TokenInfo>();
        foreach (AdminObject o in tokens)
        {
            StoredToken t = JsonSerializer.Deserialize(o.Body, DefaultJson.Options.Info<StoredToken>())!;
            if (user is not null && t.User != user)
            {
                continue;
            }

            TokenUse? use = useByKey.GetValueOrDefault(o.Name);
            DateTimeOffset? expires = t.Session ? use?.IdleExpires : t.Expires;
            list.Add(new TokenInfo(t.Name, t.User, t.Role, t.Created, expires, use?.LastUsed, t.Session));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    public async Task<bool> RevokeTokenAsync(string tokenName, CancellationToken ct)
    {
        TokenName? entry = await GetAsync<TokenName>(TokenNameKind, tokenName, ct).ConfigureAwait(false);
        if (entry is null)
        {
            return false;
        }

        // The token row first: once it is gone the token no longer authenticates anywhere (after
        // the cache time on other replicas); the rest is bookkeeping.
        await _store.DeleteAsync(TokenKind, entry.Hash, ct).ConfigureAwait(false);
        _cache.Remove(entry.Hash);
        await _store.DeleteAsync(TokenUseKind, entry.Hash, ct).ConfigureAwait(false);
        await _store.DeleteAsync(TokenNameKind, tokenName, ct).ConfigureAwait(false);
        AuthLog.TokenRevoked(_log, tokenName);
        return true;
    }

    public async Task<bool> EndSessionAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(TokenSecret.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        StoredToken? stored = await GetAsync<StoredToken>(TokenKind, TokenSecret.Hash(token), ct).ConfigureAwait(false);
        return stored is { Session: true } && await RevokeTokenAsync(stored.Name, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a new token. The name is claimed first with an insert-if-absent of kind "token-name",
    /// so two replicas creating the same name at once cannot both succeed.
    /// </summary>
    private async Task<IssuedToken?> IssueAsync(string user, string name, string role, DateTimeOffset? expires, bool session,
        DateTimeOffset now, CancellationToken ct)
    {
        string secret = TokenSecret.Generate();
        string key = TokenSecret.Hash(secret);
        if (!await _store.InsertAsync(TokenNameKind, name, JsonSerializer.Serialize(new TokenName { Hash = key }, DefaultJson.Options.Info<TokenName>()), ct).ConfigureAwait(false))
        {
            return null;
        }

        var token = new StoredToken { Name = name, User = user, Role = role, Created = now, Expires = expires, Session = session };
        if (session)
        {
            var use = new TokenUse { LastUsed = now, IdleExpires = now + _session };
            await _store.PutAsync(TokenUseKind, key, JsonSerializer.Serialize(use, DefaultJson.Options.Info<TokenUse>()), ct).ConfigureAwait(false);
            expires = use.IdleExpires;
        }

        await _store.PutAsync(TokenKind, key, JsonSerializer.Serialize(token, DefaultJson.Options.Info<StoredToken>()), ct).ConfigureAwait(false);
        if (!session)
        {
            AuthLog.TokenCreated(_log, name, user, role);
        }

        return new IssuedToken(secret, user, name, role, expires);
    }

    /// <summary>The body of kind "token-name": which token hash the name belongs to.</summary>
    internal sealed class TokenName
    {
        [JsonPropertyName("hash")]
        public string Hash { get; set; } = "";
    }
}
