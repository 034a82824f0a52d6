using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    /// <summary>
    /// SplitDns:Limits:UpdateMaxBytes and UpdateMaxRecords. RFC 2136 names no RCODE for an update
    /// too large to take; REFUSED is its "the server refuses for policy reasons" (§2.2), and it is
    /// checked before the message is parsed (bytes) or verified and applied (records), so an
    /// oversized update costs next to nothing. The reply is the bare header (never larger than the request).
    /// </summary>
    private bool TryRefuseOversizeUpdate(QueryContext ctx, ReadOnlySpan<byte> request, DnsMessage? message, Span<byte> response,
        out int length)
    {
        bool tooLarge = message is null
            ? request.Length > _limits.UpdateMaxBytes
            // RFC 2136 §2.3: the prerequisite section is ANCOUNT, the update section NSCOUNT.
            : message.Answers.Count + message.Authority.Count > _limits.UpdateMaxRecords;
        if (!tooLarge)
        {
            length = 0;
            return false;
        }

        _metrics.RecordLimited(LimitKind.UpdateSize);
        _metrics.RecordHandled(DnsOpcode.Update, ctx.Transport, DnsRcode.Refused, null);
        length = HeaderOnly(request, response, DnsRcode.Refused, ctx.RecursionAvailable);
        return true;
    }
}
