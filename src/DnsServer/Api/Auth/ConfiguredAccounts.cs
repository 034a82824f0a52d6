using System.Security.Cryptography;
using System.Text;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// Accounts from configuration only: the Api:AdminToken token and user "admin" with
/// Api:AdminPassword. Compared in constant time against their SHA-256, which is all it keeps.
/// </summary>
public sealed class ConfiguredAccounts : IApiAccounts
{
    public const string AdminUser = "admin";

    private readonly byte[]? _tokenHash;
    private readonly byte[]? _passwordHash;

    public ConfiguredAccounts(ApiSettings settings)
    {
        _tokenHash = settings.AdminToken.Length > 0 ? Hash(settings.AdminToken) : null;
        _passwordHash = settings.AdminPassword.Length > 0 ? Hash(settings.AdminPassword) : null;
    }

    public ValueTask<ApiIdentity?> AuthenticateTokenAsync(string token, CancellationToken ct) =>
        ValueTask.FromResult(Matches(_tokenHash, token) ? new ApiIdentity(AdminUser, ApiRoles.Admin, "configuration") : null);

    public ValueTask<ApiIdentity?> CheckPasswordAsync(string user, string password, CancellationToken ct) =>
        ValueTask.FromResult(user == AdminUser && Matches(_passwordHash, password) ? new ApiIdentity(AdminUser, ApiRoles.Admin, "password") : null);

    public Task<IssuedToken> CreateTokenAsync(string user, string tokenName, string role, TimeSpan? lifetime, CancellationToken ct) =>
        throw new NotSupportedException("tokens from configuration only");

    private static bool Matches(byte[]? expected, string candidate) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(expected, Hash(candidate));

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
