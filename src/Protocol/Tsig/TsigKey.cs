using System.Diagnostics.CodeAnalysis;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>
/// A shared TSIG secret (RFC 8945 §3): a key name, its algorithm and the secret bytes. The name
/// keeps the case it was configured with; lookups and MACs use it case-insensitively.
/// </summary>
public sealed class TsigKey
{
    private readonly byte[] _secret;

    public TsigKey(DnsName name, TsigAlgorithm algorithm, byte[] secret, int? minimumMacLength = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("a TSIG secret must not be empty", nameof(secret));
        }

        int minimum = minimumMacLength ?? algorithm.MacLength;
        if (minimum < algorithm.MinimumMacLength || minimum > algorithm.MacLength)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumMacLength), minimum,
                $"{algorithm} MACs may be truncated to {algorithm.MinimumMacLength}..{algorithm.MacLength} octets (RFC 8945 §5.2.2.1)");
        }

        Name = name;
        Algorithm = algorithm;
        _secret = secret;
        MinimumMacLength = minimum;
    }

    public DnsName Name { get; }

    public TsigAlgorithm Algorithm { get; }

    /// <summary>
    /// Local truncation policy (RFC 8945 §5.2.2.1): a correct MAC shorter than this gets BADTRUNC.
    /// The default is the full length, as in BIND, so truncated MACs are refused unless allowed.
    /// </summary>
    public int MinimumMacLength { get; }

    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Builds a key from a base64 secret (the form of BIND's <c>secret "..."</c>).</summary>
    public static TsigKey FromBase64(string name, TsigAlgorithm algorithm, string base64Secret)
    {
        if (!TryDecodeBase64(base64Secret, out byte[]? secret))
        {
            throw new FormatException($"TSIG key {name}: secret is not valid base64");
        }

        return new TsigKey(DnsName.Parse(name), algorithm, secret);
    }

    /// <summary>
    /// Parses nsupdate/dig's <c>-y [alg:]name:secret</c> form; without an algorithm, hmac-sha256
    /// is assumed (BIND's default since 9.13).
    /// </summary>
    public static TsigKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException("TSIG key must be [algorithm:]name:base64-secret");
        }

        TsigAlgorithm algorithm = TsigAlgorithm.HmacSha256;
        if (parts.Length == 3 && !TsigAlgorithm.TryParse(parts[0], out algorithm!))
        {
            throw new FormatException($"unknown TSIG algorithm '{parts[0]}'");
        }

        return FromBase64(parts[^2], algorithm, parts[^1]);
    }

    public override string ToString() => $"{Name} ({Algorithm})";

    private static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text.Trim(), bytes, out int written) && written > 0)
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        bytes = null;
        return false;
    }
}
