using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    /// <summary>
    /// EDNS Client Subnet (RFC 7871). Malformed: FORMERR (§6, §7.2.1), whoever sent it. From a
    /// trusted source (SplitDns:ClientSubnet:TrustedSources) the option's address selects the
    /// view again and the option is echoed with SCOPE = SOURCE (§7.2.1); RA, the recursion ACL
    /// and everything else keep going by the transport peer. From anyone else it is ignored and
    /// not echoed (§7.2.1: a server not using ECS MUST NOT include it), so a client cannot pick
    /// its own view. Never forwarded: upstream queries are built from the question alone.
    /// False when the query was answered (FORMERR, <paramref name="length"/> set). Allocates nothing.
    /// </summary>
    private bool TryApplyClientSubnet(QueryContext ctx, ReadOnlySpan<byte> options, int requestLength, Span<byte> response, out int length)
    {
        length = 0;
        if (!ClientSubnet.TryFind(options, out ReadOnlySpan<byte> data))
        {
            return true;
        }

        if (!ClientSubnet.TryParse(data, out ClientSubnet subnet, out string? error))
        {
            Log.Malformed(_logger, ctx.Transport, error!);
            _metrics.RecordMalformed(ctx.Transport);
            _metrics.RecordClientSubnet(ClientSubnetResult.Malformed);
            ctx.Rcode = DnsRcode.FormErr;
            length = FinishError(ctx, requestLength, response);
            return false;
        }

        if (!ctx.ClientIn(_clientSubnetSources))
        {
            _metrics.RecordClientSubnet(ClientSubnetResult.IgnoredUntrusted);
            return true;
        }

        ctx.SetClientSubnet(subnet);
        if (subnet.SourcePrefixLength == 0)
        {
            // §7.1.2: SOURCE 0 asks that no address be used; the view stays the peer's.
            _metrics.RecordClientSubnet(ClientSubnetResult.NoAddress);
            return true;
        }

        _metrics.RecordClientSubnet(ClientSubnetResult.Used);
        SelectView(ctx);
        return true;
    }
}
