using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// The COOKIE option (RFC 7873 §4): an 8-byte client cookie, optionally followed by a server
/// cookie of 8 to 32 bytes. Any other length is malformed and answered with FORMERR
/// (RFC 7873 §5.2.2). Everything here works on spans and allocates nothing.
/// </summary>
public static class DnsCookie
{
    public const int ClientCookieLength = 8;
    public const int MinServerCookieLength = 8;
    public const int MaxServerCookieLength = 32;

    /// <summary>True when <paramref name="length"/> is a legal COOKIE option length (8 or 16..40).</summary>
    public static bool IsValidLength(int length) =>
        length == ClientCookieLength
        || (length >= ClientCookieLength + MinServerCookieLength && length <= ClientCookieLength + MaxServerCookieLength);

    /// <summary>Throws a <see cref="DnsFormatException"/> unless the option data has a legal length.</summary>
    public static void Validate(ReadOnlySpan<byte> data)
    {
        if (!IsValidLength(data.Length))
        {
            ThrowHelper.Format(DnsFormatError.BadOpt, "COOKIE option must be 8 or 16..40 octets (RFC 7873 §4)");
        }
    }

    /// <summary>Splits the option data into client and server cookie (empty when absent).</summary>
    public static void Parse(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> clientCookie, out ReadOnlySpan<byte> serverCookie)
    {
        Validate(data);
        clientCookie = data[..ClientCookieLength];
        serverCookie = data[ClientCookieLength..];
    }

    /// <summary>Writes a whole COOKIE option (code, length, data) into an OPT RDATA being written.</summary>
    public static bool TryWriteOption(ref DnsWriter writer, ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie)
    {
        CheckLengths(clientCookie, serverCookie);
        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteUInt16((ushort)EdnsOptionCode.Cookie)
            && writer.TryWriteUInt16((ushort)(clientCookie.Length + serverCookie.Length))
            && writer.TryWriteBytes(clientCookie)
            && writer.TryWriteBytes(serverCookie))
        {
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    /// <summary>Builds the option for an <see cref="EdnsRecord"/> (allocates; not the hot path).</summary>
    public static EdnsOption CreateOption(ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie)
    {
        CheckLengths(clientCookie, serverCookie);
        byte[] data = new byte[clientCookie.Length + serverCookie.Length];
        clientCookie.CopyTo(data);
        serverCookie.CopyTo(data.AsSpan(clientCookie.Length));
        return new EdnsOption(EdnsOptionCode.Cookie, data);
    }

    private static void CheckLengths(ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie)
    {
        if (clientCookie.Length != ClientCookieLength)
        {
            throw new ArgumentException("a client cookie is 8 octets", nameof(clientCookie));
        }

        if (serverCookie.Length != 0
            && (serverCookie.Length < MinServerCookieLength || serverCookie.Length > MaxServerCookieLength))
        {
            throw new ArgumentException("a server cookie is 8..32 octets", nameof(serverCookie));
        }
    }
}
