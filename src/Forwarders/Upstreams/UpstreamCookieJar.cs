using System.Net;
using System.Security.Cryptography;
using SplitDns.Protocol.Edns;

namespace SplitDns.Forwarders.Upstreams;

/// <summary>
/// DNS cookies toward one upstream, client side (RFC 7873 §5.1, §5.3). The client cookie is a
/// keyed hash of the server's address and port under a secret made at start (RFC 7873 §4.1
/// wants a pseudorandom function of client address, server address and a secret; the client
/// address is left out because the pool binds the wildcard address): stable per upstream,
/// different for every upstream, new after a restart. The server cookie each answer carries is
/// remembered and echoed. An answer whose COOKIE does not echo our client cookie is discarded
/// as spoofed; once a server cookie is known, an answer without COOKIE is discarded too, but
/// after <see cref="MaxMissingBeforeForget"/> such answers in a row the server cookie is
/// forgotten (the upstream turned cookies off) and cookieless answers are accepted again.
/// </summary>
public sealed class UpstreamCookieJar
{
    public const int MaxMissingBeforeForget = 3;

    private static readonly byte[] s_secret = RandomNumberGenerator.GetBytes(32);

    private readonly byte[] _client;
    private byte[]? _server;
    private int _missing;

    public UpstreamCookieJar(IPEndPoint server)
    {
        Span<byte> input = stackalloc byte[18];
        server.Address.TryWriteBytes(input, out int written);
        input[written++] = (byte)(server.Port >> 8);
        input[written++] = (byte)server.Port;
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(s_secret, input[..written], hash);
        _client = hash[..DnsCookie.ClientCookieLength].ToArray();
    }

    public ReadOnlySpan<byte> ClientCookie => _client;

    /// <summary>The server cookie last learned from this upstream, or empty.</summary>
    public ReadOnlySpan<byte> ServerCookie => Volatile.Read(ref _server);

    /// <summary>The query with our COOKIE option (client cookie plus the server cookie we know, if any).</summary>
    public UpstreamQuery Apply(UpstreamQuery query) => query.WithCookie(_client, Volatile.Read(ref _server));

    /// <summary>
    /// Checks an answer's COOKIE before it is accepted and learns the server cookie from it.
    /// False: discard it as spoofed (RFC 7873 §5.3).
    /// </summary>
    public bool Accept(ReadOnlySpan<byte> response)
    {
        UpstreamResponseOpt.TryFind(response, out _, out ReadOnlySpan<byte> cookie);
        if (cookie.IsEmpty)
        {
            if (Volatile.Read(ref _server) is null)
            {
                return true;
            }

            if (Interlocked.Increment(ref _missing) >= MaxMissingBeforeForget)
            {
                Volatile.Write(ref _server, null);
                Volatile.Write(ref _missing, 0);
            }

            return false;
        }

        if (!DnsCookie.IsValidLength(cookie.Length) || !cookie[..DnsCookie.ClientCookieLength].SequenceEqual(_client))
        {
            return false;
        }

        Volatile.Write(ref _missing, 0);
        ReadOnlySpan<byte> server = cookie[DnsCookie.ClientCookieLength..];
        if (!server.IsEmpty && !server.SequenceEqual(Volatile.Read(ref _server)))
        {
            Volatile.Write(ref _server, server.ToArray());
        }

        return true;
    }
}
