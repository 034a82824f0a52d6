using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Metrics;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates;

/// <summary>
/// What the UPDATE, transfer and NOTIFY handlers share: their settings, the zones, the write
/// path, the metrics, the checks every one of them starts with (TSIG, RFC 8945 §5.2; EDNS
/// version, RFC 6891 §6.1.3), and how a reply is built, sized, counted and sent.
/// </summary>
public sealed class DynamicZones
{
    private readonly DnsServerMetrics? _serverMetrics;

    public DynamicZones(DynamicSettings settings, ZoneCatalog catalog, ZoneWriter writer, UpdateMetrics metrics,
        IOptions<ServerSettings>? server = null, DnsServerMetrics? serverMetrics = null, StoreHealth? health = null)
    {
        Health = health;
        Settings = settings;
        Catalog = catalog;
        Writer = writer;
        Metrics = metrics;
        MaxUdpPayload = server?.Value.MaxUdpPayload ?? 1232;
        _serverMetrics = serverMetrics;
    }

    public DynamicSettings Settings { get; }

    public ZoneCatalog Catalog { get; }

    public ZoneWriter Writer { get; }

    public UpdateMetrics Metrics { get; }

    /// <summary>The store's reachability (null without a store).</summary>
    public StoreHealth? Health { get; }

    /// <summary>The largest UDP reply (SplitDns:Udp:MaxPayload), also the payload size our OPT offers.</summary>
    public int MaxUdpPayload { get; }

    /// <summary>
    /// Verifies the request's TSIG, then its EDNS version. A request that fails TSIG (BADKEY,
    /// BADSIG, BADTIME) is logged with key and algorithm, counted, and answered NOTAUTH with the
    /// TSIG error (RFC 8945 §5.3.2); an EDNS version other than 0 is answered BADVERS (RFC 6891
    /// §6.1.3). Then <c>Passed</c> is false and the caller stops. Unsigned requests pass with no record.
    /// </summary>
    public async ValueTask<(bool Passed, TsigVerifyResult Tsig)> AdmitAsync(DnsRequest request, IResponseSink sink,
        string kind, ILogger logger, CancellationToken ct)
    {
        TsigVerifyResult tsig = TsigVerifier.VerifyRequest(request.Raw.Span, Settings.Keys, SignedResponse.Now());
        if (tsig.RequiresErrorResponse)
        {
            Log.TsigFailed(logger, kind, request.Client, TsigRdata.ErrorToText((ushort)tsig.Error), tsig.OwnerName.ToString(), tsig.Record!.Data.Algorithm.ToString());
            Metrics.TsigFailure(kind.ToLowerInvariant(), tsig.Error);
            byte[] reply = SignedResponse.TsigError(request.Raw.Span, tsig, ResponseEdns(request));
            Count(request, DnsRcode.NotAuth);
            await sink.SendAsync(reply, ct).ConfigureAwait(false);
            return (false, tsig);
        }

        if (request.Message.Edns is { Version: not 0 })
        {
            DnsMessage response = CreateResponse(request);
            response.Rcode = DnsRcode.BadVers;
            await ReplyAsync(request, sink, response, tsig, ct).ConfigureAwait(false);
            return (false, tsig);
        }

        return (true, tsig);
    }

    /// <summary>A response skeleton (ID, opcode, question) with an OPT when the request had one.</summary>
    public DnsMessage CreateResponse(DnsRequest request)
    {
        DnsMessage response = request.Message.CreateResponse();
        response.Edns = ResponseEdns(request);
        return response;
    }

    /// <summary>
    /// RFC 6891 §7: a responder that supports EDNS includes an OPT in its response to a request
    /// with one (and only then). It offers our UDP payload size, version 0.
    /// </summary>
    public EdnsRecord? ResponseEdns(DnsRequest request) =>
        request.Message.Edns is null ? null : new EdnsRecord { UdpPayloadSize = (ushort)MaxUdpPayload };

    /// <summary>
    /// The largest reply this request accepts: 65535 over TCP and DoT; over UDP the client's EDNS payload
    /// size (at least 512, RFC 6891 §6.2.5) capped by ours, or 512 without EDNS (RFC 1035 §4.2.1).
    /// </summary>
    public int ResponseLimit(DnsRequest request) => request.Transport.IsUnboundedSize()
        ? ushort.MaxValue
        : request.Message.Edns is { } edns ? Math.Min(edns.EffectivePayloadSize, Math.Max(512, MaxUdpPayload)) : 512;

    /// <summary>Sets the RCODE, and an Extended DNS Error (RFC 8914) when the response carries OPT.</summary>
    public static void SetError(DnsMessage response, DnsRcode rcode, ExtendedDnsErrorCode ede, string? text = null)
    {
        response.Rcode = rcode;
        response.Edns?.AddExtendedError(ede, text);
    }

    /// <summary>Encodes (OPT before TSIG, signed when the request was), counts and sends one reply.</summary>
    public async ValueTask ReplyAsync(DnsRequest request, IResponseSink sink, DnsMessage response, TsigVerifyResult tsig, CancellationToken ct)
    {
        int limit = ResponseLimit(request);
        byte[] reply = SignedResponse.Encode(response, tsig, limit);
        if (request.Transport == DnsTransport.Udp)
        {
            reply = UdpReplyBound.Fit(reply, response, request.Raw.Length, r => SignedResponse.Encode(r, tsig, limit));
        }

        Count(request, response.Rcode);
        await sink.SendAsync(reply, ct).ConfigureAwait(false);
    }

    /// <summary>Counts one answered request (splitdns_dns_requests_total; transfers also in splitdns_dns_queries_total).</summary>
    public void Count(DnsRequest request, DnsRcode rcode)
    {
        DnsMessage m = request.Message;
        RecordType qtype = m.Questions.Count > 0 ? m.Questions[0].Type : RecordType.ANY;
        _serverMetrics?.RecordHandled(m.Header.Opcode, request.Transport, rcode, m.Questions.Count > 0 ? qtype : null);
    }

    /// <summary>True when instance <paramref name="zone"/> has an update grant for the (verified) key.</summary>
    public bool GrantsUpdate(ZoneKey zone, string? keyName)
    {
        if (keyName is null || !Settings.Zones.TryGetValue(zone, out DynamicZoneSettings? z))
        {
            return false;
        }

        string normalized = ZoneStore.Updates.UpdateGrant.NormalizeKey(keyName);
        foreach (ZoneStore.Updates.UpdateGrant g in z.Policy.Grants)
        {
            if (g.KeyName == normalized)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when instance <paramref name="zone"/>'s transfer ACL names the (verified) key.</summary>
    public bool GrantsTransfer(ZoneKey zone, string? keyName)
    {
        if (keyName is null || !Settings.Zones.TryGetValue(zone, out DynamicZoneSettings? z))
        {
            return false;
        }

        string normalized = ZoneStore.Updates.UpdateGrant.NormalizeKey(keyName);
        foreach (ZoneStore.Transfer.TransferRule rule in z.Transfer.Rules)
        {
            if (rule.Keys.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The key name for logs: the TSIG owner as received, or "-" when unsigned.</summary>
    public static string KeyForLog(TsigVerifyResult tsig) => tsig.Record is null ? "-" : tsig.OwnerName.ToString();

    /// <summary>The verified key's canonical name, or null when the request was not validly signed.</summary>
    public static string? VerifiedKey(TsigVerifyResult tsig) => tsig.IsValid ? tsig.Key!.Name.ToString() : null;
}
