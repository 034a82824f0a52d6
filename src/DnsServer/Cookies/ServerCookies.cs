using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using SplitDns.Protocol.Edns;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Cookies;

/// <summary>
/// Server side of DNS cookies (RFC 7873 §5.2) with RFC 9018 server cookies: checks the server
/// cookie a query brings and puts a fresh one into the context for the response. A bad or
/// expired server cookie is treated as if only the client cookie had been sent (§5.2.3).
/// Allocates nothing per query.
/// </summary>
public sealed class ServerCookies
{
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly CookieMetrics _metrics;

    public ServerCookies(CookieSettings settings, CookieMetrics metrics, TimeProvider? time = null)
    {
        _secret = settings.Secret ?? RandomNumberGenerator.GetBytes(InteroperableServerCookie.SecretLength);
        RequireForUdp = settings.RequireForUdp;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>UDP queries without a valid server cookie get BADCOOKIE (SplitDns:Cookies:RequireForUdp).</summary>
    public bool RequireForUdp { get; }

    /// <summary>
    /// Validates <paramref name="serverCookie"/> (empty when the client sent only its own) and
    /// sets the response cookie on <paramref name="ctx"/>; true when the server cookie was valid.
    /// </summary>
    public bool Apply(QueryContext ctx, ReadOnlySpan<byte> clientCookie, ReadOnlySpan<byte> serverCookie)
    {
        Span<byte> address = stackalloc byte[16];
        int addressLength = WriteClientAddress(ctx, address);
        ReadOnlySpan<byte> client = address[..addressLength];
        uint now = unchecked((uint)_time.GetUtcNow().ToUnixTimeSeconds());
        bool valid = !serverCookie.IsEmpty && InteroperableServerCookie.IsValid(_secret, clientCookie, serverCookie, client, now);

        // RFC 9018 §4.3 lets a valid cookie be echoed until it is half an hour old; a fresh one
        // each time is as cheap and keeps the timestamp current.
        Span<byte> buffer = ctx.CookieBuffer;
        clientCookie.CopyTo(buffer);
        InteroperableServerCookie.Write(_secret, clientCookie, now, client, buffer[DnsCookie.ClientCookieLength..]);
        ctx.SetResponseCookie(valid);
        _metrics.Count(valid, serverCookie.IsEmpty);
        return valid;
    }

    /// <summary>The client's address bytes (IPv4-mapped IPv6 as IPv4), as the cookie hashes them (RFC 9018 §4.4).</summary>
    private static int WriteClientAddress(QueryContext ctx, Span<byte> destination)
    {
        ReadOnlySpan<byte> bytes;
        if (ctx.ClientSocketAddress is SocketAddress socketAddress)
        {
            if (!NetworkList.TryGetAddressBytes(socketAddress, out bytes))
            {
                return 0;
            }
        }
        else if (ctx.HasClientEndPoint && ctx.ClientEndPoint.Address.TryWriteBytes(destination, out int written))
        {
            bytes = destination[..written];
        }
        else
        {
            return 0;
        }

        if (bytes.Length == 16 && bytes[..10].IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xff && bytes[11] == 0xff)
        {
            bytes = bytes[12..];
        }

        bytes.CopyTo(destination);
        return bytes.Length;
    }
}
