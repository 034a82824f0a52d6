using SplitDns.Protocol.Wire;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    /// <summary>
    /// RFC 7873 §5.2: a query with a COOKIE option gets our server cookie back; a valid server
    /// cookie marks the client as not spoofed (RRL lets it through). The option's length was
    /// checked by the decoder (malformed → FORMERR, §5.2.2). With RequireForUdp a UDP query
    /// without a valid server cookie is answered BADCOOKIE with the new cookie (§5.2.3); false then.
    /// </summary>
    private bool TryApplyCookie(QueryContext ctx, ReadOnlySpan<byte> packet, in QueryView view, Span<byte> response, out int length)
    {
        length = 0;
        if (_cookies is null || !view.TryGetCookie(packet, out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server))
        {
            return true;
        }

        if (_cookies.Apply(ctx, client, server) || !_cookies.RequireForUdp || ctx.Transport != DnsTransport.Udp)
        {
            return true;
        }

        _cookieMetrics!.CountBadCookie();
        ctx.Rcode = DnsRcode.BadCookie;
        length = Finish(ctx, response);
        return false;
    }

    /// <summary>
    /// Response rate limiting (RRL) for a UDP response about to be sent: returns the length to
    /// send (0: drop; a header and question with TC=1: slip). TCP is never limited.
    /// </summary>
    internal int ApplyRateLimit(QueryContext ctx, Span<byte> response, int length) =>
        _rateLimiter is null || length == 0 ? length : _rateLimiter.Apply(ctx, response, length);
}
