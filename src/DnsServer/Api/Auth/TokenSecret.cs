using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SplitDns.Server.Api.Auth;

/// <summary>
/// API token secrets: "sdns_" and 32 random bytes in URL-safe base64 (48 characters), so a
/// leaked token is recognisable in logs and by secret scanners. Only the SHA-256 of a token is
/// stored.
/// </summary>
public static class TokenSecret
{
    public const string Prefix = "sdns_";

    private const int SecretBytes = 32;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>
    /// The store key of a token: lowercase hex SHA-256 of its text. A fast hash is right here, unlike
    /// for passwords: a generated token has 256 bits of entropy, so an attacker holding the hash has
    /// no dictionary to try and 2^256 guesses to make: slowing each guess down (PBKDF2, Argon2)
    /// buys nothing and would cost every cache miss milliseconds of CPU. Configuration tokens are
    /// compared in memory, never stored.
    /// </summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
