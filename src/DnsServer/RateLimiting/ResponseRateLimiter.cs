using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Hashing;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.RateLimiting;

/// <summary>
/// Response rate limiting over UDP (BIND, Knot and NSD's RRL): each response is classified
/// (<see cref="ResponseKind"/>), keyed by the client's network (/24, /56 by default) and what it
/// asked, and debited from that account in a <see cref="RateLimitTable"/>. Over the rate it is
/// dropped, or every Slip-th one sent truncated (TC=1) so a real client retries over TCP, which
/// a spoofed victim never does. Exempt networks, clients with a valid server cookie (RFC 7873)
/// and TCP are never limited. Allocates nothing except the log line when an account starts
/// being limited.
/// </summary>
public sealed class ResponseRateLimiter
{
    private readonly RateLimitSettings _settings;
    private readonly RateLimitTable _table;
    private readonly RateLimitMetrics _metrics;
    private readonly ILogger _logger;
    private readonly byte[] _hashKey = RandomNumberGenerator.GetBytes(16);

    public ResponseRateLimiter(RateLimitSettings settings, RateLimitMetrics metrics, ILogger<ResponseRateLimiter> logger,
        TimeProvider? time = null)
    {
        _settings = settings;
        _metrics = metrics;
        _logger = logger;
        _table = new RateLimitTable(settings.Enabled ? settings.TableSize : 4, settings.Window, settings.Slip, time ?? TimeProvider.System);
    }

    public bool Enabled => _settings.Enabled;

    /// <summary>Returns the length to send: <paramref name="length"/>, 0 (drop) or a truncated header and question (slip).</summary>
    public int Apply(QueryContext ctx, Span<byte> response, int length)
    {
        if (ctx.Transport != DnsTransport.Udp || length < DnsHeader.Size || ctx.ServerCookieValid
            || ctx.ClientSocketAddress is not SocketAddress client || _settings.Exempt.Contains(client)
            || !NetworkList.TryGetAddressBytes(client, out ReadOnlySpan<byte> address))
        {
            return length;
        }

        ResponseKind kind = Classify(response, out int rcode);
        int rate = kind switch
        {
            ResponseKind.Answer => _settings.ResponsesPerSecond,
            ResponseKind.Nxdomain => _settings.NxdomainsPerSecond,
            ResponseKind.Referral => _settings.ReferralsPerSecond,
            _ => _settings.ErrorsPerSecond,
        };
        if (rate == 0)
        {
            return length;
        }

        Span<byte> network = stackalloc byte[16];
        int networkLength = MaskNetwork(address, network);
        RateDecision decision = _table.Account(Key(ctx, kind, rcode, network[..networkLength]), rate, out bool first);
        if (decision == RateDecision.Send)
        {
            return length;
        }

        if (first)
        {
            Log.Limiting(_logger, new IPAddress(network[..networkLength]), networkLength == 4 ? _settings.IPv4PrefixLength : _settings.IPv6PrefixLength,
                kind, _settings.LogOnly);
        }

        if (_settings.LogOnly)
        {
            _metrics.CountLogOnly();
            return length;
        }

        if (decision == RateDecision.Drop)
        {
            _metrics.CountDropped();
            return 0;
        }

        _metrics.CountSlipped();
        return Truncate(response, length);
    }

    /// <summary>The kind from the encoded response: RCODE, counts and AA.</summary>
    internal static ResponseKind Classify(ReadOnlySpan<byte> response, out int rcode)
    {
        rcode = response[3] & 0x0F;
        if (rcode == (int)DnsRcode.NxDomain)
        {
            return ResponseKind.Nxdomain;
        }

        if (rcode != (int)DnsRcode.NoError)
        {
            return ResponseKind.Error;
        }

        bool authoritative = (response[2] & 0x04) != 0;
        ushort answers = BinaryPrimitives.ReadUInt16BigEndian(response[6..]);
        ushort authority = BinaryPrimitives.ReadUInt16BigEndian(response[8..]);
        return answers == 0 && authority > 0 && !authoritative ? ResponseKind.Referral : ResponseKind.Answer;
    }

    private ulong Key(QueryContext ctx, ResponseKind kind, int rcode, ReadOnlySpan<byte> network)
    {
        var h = new SipHash24(_hashKey);
        h.Append((byte)kind);
        h.Append(network);
        switch (kind)
        {
            case ResponseKind.Answer:
                h.Append((byte)((int)ctx.QuestionType >> 8));
                h.Append((byte)ctx.QuestionType);
                AppendLower(ref h, ctx.QuestionName.Wire);
                break;
            case ResponseKind.Nxdomain or ResponseKind.Referral:
                // Random names under one zone share one account (BIND keys these by the zone).
                AppendLower(ref h, ctx.Zone is { } zone ? zone.Origin.Wire : ctx.QuestionName.Wire);
                break;
            default:
                h.Append((byte)rcode);
                break;
        }

        return h.Finish();
    }

    // 0x20 case randomisation must not give an attacker a fresh account per spelling.
    private static void AppendLower(ref SipHash24 h, ReadOnlySpan<byte> name)
    {
        Span<byte> lower = stackalloc byte[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        h.Append(lower);
    }

    /// <summary>The client's network: the address with the bits past the prefix cleared (IPv4-mapped as IPv4).</summary>
    private int MaskNetwork(ReadOnlySpan<byte> address, Span<byte> network)
    {
        if (address.Length == 16 && address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xff && address[11] == 0xff)
        {
            address = address[12..];
        }

        address.CopyTo(network);
        int prefix = address.Length == 4 ? _settings.IPv4PrefixLength : _settings.IPv6PrefixLength;
        for (int bit = prefix; bit < address.Length * 8; bit++)
        {
            network[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return address.Length;
    }

    /// <summary>A slipped response: the header with TC set and no records, then the question (RFC 1035 §4.1.1).</summary>
    internal static int Truncate(Span<byte> response, int length)
    {
        int end = DnsHeader.Size;
        if (BinaryPrimitives.ReadUInt16BigEndian(response[4..]) == 1)
        {
            int i = DnsHeader.Size;
            while (i < length && response[i] != 0 && (response[i] & 0xC0) == 0)
            {
                i += 1 + response[i];
            }

            end = i + 1 + 4 <= length && i < length && response[i] == 0 ? i + 1 + 4 : DnsHeader.Size;
        }

        if (end == DnsHeader.Size)
        {
            response[4] = 0;
            response[5] = 0;
        }

        response[2] |= 0x02;
        response[6..DnsHeader.Size].Clear();
        return end;
    }
}
