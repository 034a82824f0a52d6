using System.Text.Json;
using SplitDns.Server.Admin;

namespace SplitDns.Server.Api.Auth;

public sealed partial class StoredAccounts
{
    /// <summary>Adds or replaces user <paramref name="user"/> with a new password hash and role.</summary>
    public async Task SetUserAsync(string user, string password, string role, CancellationToken ct)
    {
        var stored = new StoredUser { Role = role, PasswordHash = PasswordHash.Create(password) };
        await _store.PutAsync(UserKind, user, JsonSerializer.Serialize(stored, DefaultJson.Options.Info<StoredUser>()), ct).ConfigureAwait(false);
    }

    /// <summary>Removes the user and revokes every token it holds; false when there was none.</summary>
    public async Task<bool> DeleteUserAsync(string user, CancellationToken ct)
    {
        if (!await _store.DeleteAsync(UserKind, user, ct).ConfigureAwait(false))
        {
            return false;
        }

        foreach (TokenInfo token in await ListTokensAsync(user, ct).ConfigureAwait(false))
        {
            await RevokeTokenAsync(token.Name, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Every stored user and its role (no hashes).</summary>
    public async Task<IReadOnlyList<(string User, string Role)>> ListUsersAsync(CancellationToken ct)
    {
        IReadOnlyList<AdminObject> users = await _store.ListAsync(UserKind, ct).ConfigureAwait(false);
        return [.. users.Select(u => (u.Name, JsonSerializer.Deserialize(u.Body, DefaultJson.Options.Info<StoredUser>())!.Role))];
    }

    /// <summary>
    /// First start without an administrator: when configuration gives no admin token or password
    /// and the store holds no admin user and no unexpired admin token, issues token "bootstrap"
    /// (admin, never expires) and returns its secret, to be shown once. Otherwise null.
    /// </summary>
    public async Task<IssuedToken?> BootstrapAsync(CancellationToken ct)
    {
        if (HasConfiguredAdmin)
        {
            return null;
        }

        IReadOnlyList<(string User, string Role)> users = await ListUsersAsync(ct).ConfigureAwait(false);
        if (users.Any(u => u.Role == ApiRoles.Admin))
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyList<TokenInfo> tokens = await ListTokensAsync(null, ct).ConfigureAwait(false);
        if (tokens.Any(t => t.Role == ApiRoles.Admin && !(t.Expires <= now)))
        {
            return null;
        }

        // Another replica may have claimed the name a moment ago: then it printed the token, not us.
        return await CreateTokenAsync(AdminUser, "bootstrap", ApiRoles.Admin, null, ct).ConfigureAwait(false);
    }
}
