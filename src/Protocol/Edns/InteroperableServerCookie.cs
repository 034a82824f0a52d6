using System.Buffers.Binary;
using SplitDns.Protocol.Hashing;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The interoperable server cookie of RFC 9018 §4: Version (1), Reserved (3 zero octets),
/// Timestamp (32-bit seconds since the epoch, serial arithmetic) and a SipHash-2-4 of
/// Client Cookie | Version | Reserved | Timestamp | Client-IP under a 16-byte server secret.
/// Replicas sharing the secret accept each other's cookies. Allocates nothing.
/// </summary>
public static class InteroperableServerCookie
{
    public const int Length = 16;
    public const byte Version = 1;
    public const int SecretLength = 16;

    /// <summary>RFC 9018 §4.3: a cookie older than one hour is expired.</summary>
    public const int MaxAgeSeconds = 3600;

    /// <summary>RFC 9018 §4.3: a cookie up to five minutes in the future is accepted (clock skew between replicas).</summary>
    public const int MaxFutureSeconds = 300;

    /// <summary>Writes the 16-byte server cookie for <paramref name="clientCookie"/> and the client's address.</summary>
    public static void Write(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> clientCookie, uint timestamp,
        ReadOnlySpan<byte> clientAddress, Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = 0;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        var h = new SipHash24(secret);
        h.Append(clientCookie);
        h.Append(destination[..8]);
        h.Append(clientAddress);
        h.Finish(destination[8..]);
    }

    /// <summary>
    /// True when <paramref name="serverCookie"/> is one we (or a replica with the same secret) made
    /// for this client cookie and address, and its timestamp is neither expired nor too far ahead
    /// of <paramref name="now"/> (RFC 9018 §4.3). Compared in constant time.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie,
        ReadOnlySpan<byte> clientAddress, uint now)
    {
        if (serverCookie.Length != Length || serverCookie[0] != Version)
        {
            return false;
        }

        uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(serverCookie[4..]);

        // Serial number arithmetic (RFC 1982) so the check survives the 2106 wrap.
        int age = unchecked((int)(now - timestamp));
        if (age > MaxAgeSeconds || age < -MaxFutureSeconds)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Length];
        var h = new SipHash24(secret);
        h.Append(clientCookie);
        h.Append(serverCookie[..8]);
        h.Append(clientAddress);
        h.Finish(expected[8..]);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected[8..], serverCookie[8..]);
    }
}
