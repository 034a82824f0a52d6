using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Updates;

/// <summary>
/// Keeps a UDP reply to UPDATE, NOTIFY or a UDP transfer request from being larger than the
/// request (never an amplifier, whatever a spoofed source sends): when it would be, the Extended
/// DNS Error texts go first, then the EDE options themselves; the RCODE always stays.
/// </summary>
internal static class UdpReplyBound
{
    /// <summary>
    /// Returns <paramref name="reply"/> when it fits in <paramref name="requestLength"/> (or is not
    /// for UDP), otherwise the smallest re-encoding of <paramref name="response"/> that drops EDE.
    /// </summary>
    public static byte[] Fit(byte[] reply, DnsMessage response, int requestLength, Func<DnsMessage, byte[]> encode)
    {
        if (reply.Length <= requestLength || response.Edns is not { } edns
            || edns.GetExtendedErrors() is not { Count: > 0 } errors)
        {
            return reply;
        }

        edns.Options.RemoveAll(o => o.Code == EdnsOptionCode.ExtendedDnsError);
        foreach (ExtendedDnsError e in errors)
        {
            edns.AddExtendedError(e.Code);
        }

        reply = encode(response);
        if (reply.Length <= requestLength)
        {
            return reply;
        }

        edns.Options.RemoveAll(o => o.Code == EdnsOptionCode.ExtendedDnsError);
        return encode(response);
    }
}
