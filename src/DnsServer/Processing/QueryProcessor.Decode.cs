using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Metrics;
using SplitDns.Server.Resolution;
using SplitDns.Server.Views;

namespace SplitDns.Server.Processing;

public sealed partial class QueryProcessor
{
    private Route Decode(QueryContext ctx, ReadOnlySpan<byte> packet, Span<byte> response, out int length)
    {
        length = 0;
        if (packet.Length < DnsHeader.Size)
        {
            // Not even a header to echo (RFC 1035 §4.1.1): drop.
            _metrics.RecordDropped(ctx.Transport, DropReason.Short);
            return Route.Drop;
        }

        if ((packet[2] & 0x80) != 0)
        {
            // Never answer a response: that is how reflection loops start (RFC 1035 §7.3 spirit).
            _metrics.RecordDropped(ctx.Transport, DropReason.Response);
            return Route.Drop;
        }

        // The view first: RA, recursion, zones and policy all depend on it (DESIGN step 3).
        ctx.ClearClientSubnet();
        ctx.ClearCookie();
        SelectView(ctx);

        // Handlers parse EDNS themselves; until they do, a UDP reply must fit 512 (RFC 1035 §4.2.1).
        ctx.MaxResponseSize = ctx.Transport.IsUnboundedSize() ? ushort.MaxValue : 512;
        var opcode = (DnsOpcode)((packet[2] >> 3) & 0xF);
        switch (opcode)
        {
            case DnsOpcode.Query:
                return DecodeQuery(ctx, packet, response, out length);
            case DnsOpcode.Update when _update is not null:
                return Route.Update;
            case DnsOpcode.Notify when _notify is not null:
                return Route.Notify;
            default:
                // RFC 1035 §4.1.1 / RFC 2136 §3.8 / RFC 1996: unsupported opcode → NOTIMP.
                length = ErrorReply.Write(packet, response, DnsRcode.NotImp, ctx.RecursionAvailable,
                    ExtendedDnsErrorCode.NotSupported, "opcode not implemented");
                _metrics.RecordOther(ctx.Transport, DnsRcode.NotImp);
                return Route.Respond;
        }
    }

    private Route DecodeQuery(QueryContext ctx, ReadOnlySpan<byte> packet, Span<byte> response, out int length)
    {
        length = 0;
        QueryView view;
        try
        {
            view = QueryView.Parse(packet, ctx.NameBuffer);
        }
        catch (DnsFormatException ex)
        {
            Log.Malformed(_logger, ctx.Transport, ex.Message);
            _metrics.RecordMalformed(ctx.Transport);
            length = ErrorReply.FormErr(packet, response, ctx.RecursionAvailable, ex.Error);
            return Route.Respond;
        }

        ctx.ResetResponse();
        ctx.KeepaliveTimeout = -1;
        ctx.Id = view.Header.Id;
        ctx.RecursionDesired = view.Header.RecursionDesired;
        ctx.CheckingDisabled = view.Header.CheckingDisabled;
        ctx.SetQuestionNameLength(view.QuestionName.Length);
        ctx.QuestionType = view.QuestionType;
        ctx.QuestionClass = view.QuestionClass;
        ctx.HasEdns = view.HasEdns;
        ctx.DnssecOk = view.HasEdns && view.DnssecOk;
        ctx.MaxResponseSize = ctx.Transport.IsUnboundedSize()
            ? ushort.MaxValue
            : view.HasEdns ? Math.Clamp((int)view.UdpPayloadSize, 512, _maxUdpPayload) : 512;

        // RFC 8945 §5.2: a signed query is verified before anything else; transfers verify their own.
        if (view.HasTsig && view.QuestionType is not (RecordType.AXFR or RecordType.IXFR)
            && !TryVerifyTsig(ctx, packet, response, out length))
        {
            return Route.Respond;
        }

        if (view.HasEdns && view.EdnsVersion != 0)
        {
            // RFC 6891 §6.1.3: a version we do not implement gets BADVERS with our version (0).
            ctx.Rcode = DnsRcode.BadVers;
            length = Finish(ctx, response);
            return Route.Respond;
        }

        if (view.HasEdns && !TryApplyKeepalive(ctx, packet.Slice(view.EdnsOptionsOffset, view.EdnsOptionsLength), response, out length))
        {
            return Route.Respond;
        }

        if (view.HasEdns && !TryApplyCookie(ctx, packet, view, response, out length))
        {
            return Route.Respond;
        }

        // RFC 7871: a trusted forwarder's Client Subnet selects the view again (before routing).
        if (view.HasEdns && !TryApplyClientSubnet(ctx, packet.Slice(view.EdnsOptionsOffset, view.EdnsOptionsLength), packet.Length, response, out length))
        {
            return Route.Respond;
        }

        switch (view.QuestionType)
        {
            case RecordType.AXFR or RecordType.IXFR:
                if (_transfer is not null)
                {
                    return Route.Transfer;
                }

                ctx.Rcode = DnsRcode.Refused;
                ctx.AddExtendedError(new ExtendedDnsError(ExtendedDnsErrorCode.Prohibited, "zone transfer not allowed"));
                length = Finish(ctx, response);
                return Route.Respond;
            case RecordType.OPT:
                // RFC 6891 §6.1.1: OPT is not a question type.
                ctx.Rcode = DnsRcode.FormErr;
                ctx.AddExtendedError(new ExtendedDnsError(ExtendedDnsErrorCode.Other, "OPT is not a question type"));
                length = FinishError(ctx, packet.Length, response);
                return Route.Respond;
            case RecordType.TSIG or RecordType.TKEY or RecordType.MAILA or RecordType.MAILB:
                ctx.Rcode = DnsRcode.NotImp;
                ctx.AddExtendedError(new ExtendedDnsError(ExtendedDnsErrorCode.NotSupported, "query type not implemented"));
                length = FinishError(ctx, packet.Length, response);
                return Route.Respond;
        }

        ctx.View!.Router.Route(ctx);
        return Route.Chain;
    }

    /// <summary>
    /// Picks the view for the message's client and listener, and with it RA: set on every response
    /// to a client for whom recursion is available, whatever the answer (RFC 1035 §4.1.1; BIND does
    /// the same): the view forwards and the client is inside the recursion ACL. Allocates nothing.
    /// </summary>
    private void SelectView(QueryContext ctx)
    {
        DnsView view = _views.Select(ctx);
        ctx.View = view;
        ctx.RecursionAvailable = view.ForwardingEnabled && _acl.Allows(ctx);
    }
}
