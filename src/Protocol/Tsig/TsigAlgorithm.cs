using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// A TSIG MAC algorithm: its canonical name (RFC 8945 §6, RFC 4635 §2) and its HMAC. Instances
/// are the six fixed values below; compare them by reference.
/// </summary>
public sealed class TsigAlgorithm
{
    /// <summary>Longest MAC of any algorithm here (HMAC-SHA512).</summary>
    public const int MaxMacLength = 64;

    public static readonly TsigAlgorithm HmacMd5 = new("hmac-md5.sig-alg.reg.int.", "hmac-md5", Kind.Md5, 16);
    public static readonly TsigAlgorithm HmacSha1 = new("hmac-sha1.", "hmac-sha1", Kind.Sha1, 20);
    public static readonly TsigAlgorithm HmacSha224 = new("hmac-sha224.", "hmac-sha224", Kind.Sha224, 28);
    public static readonly TsigAlgorithm HmacSha256 = new("hmac-sha256.", "hmac-sha256", Kind.Sha256, 32);
    public static readonly TsigAlgorithm HmacSha384 = new("hmac-sha384.", "hmac-sha384", Kind.Sha384, 48);
    public static readonly TsigAlgorithm HmacSha512 = new("hmac-sha512.", "hmac-sha512", Kind.Sha512, 64);

    private static readonly TsigAlgorithm[] s_all = [HmacMd5, HmacSha1, HmacSha224, HmacSha256, HmacSha384, HmacSha512];

    private readonly Kind _kind;

    private TsigAlgorithm(string name, string shortName, Kind kind, int macLength)
    {
        Name = DnsName.Parse(name);
        ShortName = shortName;
        _kind = kind;
        MacLength = macLength;
    }

    private enum Kind
    {
        Md5,
        Sha1,
        Sha224,
        Sha256,
        Sha384,
        Sha512,
    }

    /// <summary>The canonical (lowercase) algorithm name as it goes on the wire.</summary>
    public DnsName Name { get; }

    /// <summary>The name BIND and Knot use in key files and on <c>-y</c> (e.g. "hmac-md5").</summary>
    public string ShortName { get; }

    /// <summary>Length in octets of the untruncated MAC.</summary>
    public int MacLength { get; }

    /// <summary>
    /// The smallest MAC length a receiver may accept at all (RFC 8945 §5.2.2.1): the larger of
    /// 10 octets and half the MAC length, rounded up. Shorter is a format error.
    /// </summary>
    public int MinimumMacLength => Math.Max(10, (MacLength + 1) / 2);

    public static IReadOnlyList<TsigAlgorithm> All => s_all;

    /// <summary>Finds an algorithm by its wire name, case-insensitively (RFC 4343).</summary>
    public static bool TryFromName(DnsName name, [NotNullWhen(true)] out TsigAlgorithm? algorithm)
    {
        foreach (TsigAlgorithm candidate in s_all)
        {
            if (candidate.Name.Equals(name))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = null;
        return false;
    }

    /// <summary>
    /// Parses a configured name: "hmac-sha256", "HMAC-SHA256.", "hmac-md5" or
    /// "hmac-md5.sig-alg.reg.int".
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TsigAlgorithm? algorithm)
    {
        string trimmed = text.Trim().TrimEnd('.');
        foreach (TsigAlgorithm candidate in s_all)
        {
            if (string.Equals(trimmed, candidate.ShortName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed + ".", candidate.Name.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = null;
        return false;
    }

    /// <summary>Computes the full-length HMAC of <paramref name="data"/> into <paramref name="mac"/>.</summary>
    public void ComputeMac(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        // HMAC-MD5 is kept only for old clients (RFC 8945 §6 lists it as "MUST" for
        // compatibility, with no security claim); it is never a default.
        int written = _kind switch
        {
            Kind.Md5 => HMACMD5.HashData(secret, data, mac),
            Kind.Sha1 => HMACSHA1.HashData(secret, data, mac),
            Kind.Sha256 => HMACSHA256.HashData(secret, data, mac),
            Kind.Sha384 => HMACSHA384.HashData(secret, data, mac),
            Kind.Sha512 => HMACSHA512.HashData(secret, data, mac),
            _ => HmacSha224Data(secret, data, mac),
        };
        if (written != MacLength)
        {
            throw new CryptographicException($"{ShortName} produced {written} octets, expected {MacLength}");
        }
    }

    public override string ToString() => ShortName;

    private static int HmacSha224Data(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Sha224.HmacData(secret, data, mac);
        return Sha224.HashLength;
    }
}
