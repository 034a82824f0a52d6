using System.Buffers;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Writing;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Transfer;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// AXFR (RFC 5936) and IXFR (RFC 1995) out. Every message of a signed transfer carries its own
/// TSIG (external-dns's miekg/dns verifies each one). IXFR comes from the store's journal and
/// falls back to a full zone, in AXFR form, when the journal does not reach the client's serial.
/// </summary>
public sealed class TransferHandler : IMessageHandler
{
    private readonly DynamicZones _zones;
    private readonly ILogger<TransferHandler> _logger;
    private readonly TransferQuota _quota;

    public TransferHandler(DynamicZones zones, ILogger<TransferHandler> logger, TransferQuota quota)
    {
        _zones = zones;
        _logger = logger;
        _quota = quota;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        DnsMessage message = request.Message;
        DnsQuestion q = message.Questions[0];
        string kind = q.Type == RecordType.IXFR ? "IXFR" : "AXFR";
        var (passed, tsig) = await _zones.AdmitAsync(request, sink, kind, _logger, ct).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        string key = DynamicZones.KeyForLog(tsig);

        if (q.Type == RecordType.AXFR && request.Transport == DnsTransport.Udp)
        {
            // RFC 5936 §4.2: AXFR is TCP only.
            Log.TransferRejected(_logger, kind, q.Name.ToString(), request.Client, key, "FORMERR", "AXFR over UDP (RFC 5936 §4.2: TCP only)");
            await SendErrorAsync(request, tsig, DnsRcode.FormErr, null, sink, ct).ConfigureAwait(false);
            return;
        }

        string? keyName = DynamicZones.VerifiedKey(tsig);
        ZoneKey? instance = ZoneInstanceSelector.Select(q.Name, request.View, keyName, _zones.Catalog,
            k => _zones.GrantsTransfer(k, keyName), out string? ambiguity);
        ZoneSnapshot? zone = instance is { } found ? _zones.Catalog.Get(found) : null;
        if (zone is null || message.Questions.Count != 1)
        {
            // external-dns only logs a refused AXFR and then re-creates every record each cycle
            // (kubernetes-sigs/external-dns#2980), so say loudly here which zone was asked for.
            Log.TransferRejected(_logger, kind, q.Name.ToString(), request.Client, key, "NOTAUTH",
                zone is null ? ambiguity ?? "zone not served here (check --rfc2136-zone)" : "more than one question");
            _zones.Metrics.Refused(q.Name.ToString(), DnsRcode.NotAuth, "not-authoritative");
            await SendErrorAsync(request, tsig, DnsRcode.NotAuth,
                (ExtendedDnsErrorCode.NotAuthoritative, ambiguity ?? $"zone {q.Name} is not served here"), sink, ct).ConfigureAwait(false);
            return;
        }

        ZoneKey zoneKey = instance!.Value;
        string label = zoneKey.ToString();
        if (!_zones.Settings.Zones.TryGetValue(zoneKey, out DynamicZoneSettings? zs) || !zs.Transfer.Allows(keyName, request.Client.Address))
        {
            Log.TransferRefused(_logger, kind, label, request.Client, key);
            _zones.Metrics.Refused(label, DnsRcode.Refused, "transfer-acl");
            await SendErrorAsync(request, tsig, DnsRcode.Refused, (ExtendedDnsErrorCode.Prohibited, "zone transfer not allowed"), sink, ct).ConfigureAwait(false);
            return;
        }

        if (!_quota.TryEnter())
        {
            Log.TransferRejected(_logger, kind, label, request.Client, key, "REFUSED", _quota.Describe());
            _zones.Metrics.Refused(label, DnsRcode.Refused, "transfers-out");
            await SendErrorAsync(request, tsig, DnsRcode.Refused, (ExtendedDnsErrorCode.Other, TransferQuota.RefusedText), sink, ct)
                .ConfigureAwait(false);
            return;
        }

        List<ResourceRecord> sequence;
        (int messages, long bytes, int records) sent;
        try
        {
            sequence = await BuildSequenceAsync(q.Type, message, zoneKey, zone, ct).ConfigureAwait(false);
            sent = await StreamAsync(request, sequence, zone.Soa, tsig, sink, ct).ConfigureAwait(false);
        }
        finally
        {
            _quota.Exit();
        }

        var (messages, bytes, records) = sent;
        _zones.Count(request, DnsRcode.NoError);
        uint serial = ((SoaRdata)sequence[0].Data).Serial;
        Log.TransferServed(_logger, kind, label, request.Client, key, messages, records, bytes, serial);
        _zones.Metrics.Transfer(label, kind.ToLowerInvariant(), records, bytes);
    }

    private async Task<List<ResourceRecord>> BuildSequenceAsync(RecordType type, DnsMessage message, ZoneKey key, ZoneSnapshot zone,
        CancellationToken ct)
    {
        if (type == RecordType.IXFR && message.Authority.Count > 0 && message.Authority[0].Data is SoaRdata clientSoa)
        {
            if (!SerialArithmetic.IsNewer(zone.Serial, clientSoa.Serial))
            {
                // RFC 1995 §4: the client is current; one SOA says so.
                return [zone.Soa];
            }

            if (_zones.Writer.Store is { } store
                && await store.ReadJournalAsync(key, clientSoa.Serial, ct).ConfigureAwait(false) is { Count: > 0 } journal)
            {
                // The journal's newest SOA is the store's; it may be newer than the snapshot read above.
                ResourceRecord newest = journal[^1].Added.First(r => r.Type == RecordType.SOA);
                return TransferSequence.Ixfr(newest, journal);
            }
        }

        return TransferSequence.Axfr(zone.Records.ToList());
    }

    /// <summary>
    /// Sends the sequence: over TCP in messages of up to <see cref="XfrMessageWriter.DefaultMessageSize"/>;
    /// over UDP in one message within the client's EDNS payload size, or, when it does not fit,
    /// the SOA alone (RFC 1995 §2: the client then retries over TCP). Each message carries the
    /// OPT (when the request had one) and its own TSIG after it.
    /// </summary>
    private async Task<(int Messages, long Bytes, int Records)> StreamAsync(DnsRequest request, List<ResourceRecord> sequence,
        ResourceRecord soa, TsigVerifyResult tsig, IResponseSink sink, CancellationToken ct)
    {
        TsigStreamSigner? signer = tsig.IsValid ? new TsigStreamSigner(tsig) : null;
        EdnsRecord? edns = _zones.ResponseEdns(request);
        bool udp = request.Transport == DnsTransport.Udp;
        int limit = udp
            ? _zones.ResponseLimit(request) - (signer is null ? 0 : TsigSigner.MaxRecordLength(tsig.OwnerName, tsig.Key!.Algorithm))
            : XfrMessageWriter.DefaultMessageSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            int index = 0;
            int messages = 0;
            long bytes = 0;
            while (index < sequence.Count)
            {
                int length = XfrMessageWriter.Write(buffer, limit, request.Message, sequence, ref index, messages == 0, edns);
                if (udp && index < sequence.Count)
                {
                    sequence = [soa];
                    index = 0;
                    length = XfrMessageWriter.Write(buffer, limit, request.Message, sequence, ref index, first: true, edns);
                }

                if (signer is not null && !signer.TrySign(buffer, length, SignedResponse.Now(), out length))
                {
                    throw new InvalidOperationException("no room for the TSIG of a transfer message");
                }

                await sink.SendAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                messages++;
                bytes += length;
            }

            return (messages, bytes, sequence.Count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendErrorAsync(DnsRequest request, TsigVerifyResult tsig, DnsRcode rcode,
        (ExtendedDnsErrorCode Code, string Text)? ede, IResponseSink sink, CancellationToken ct)
    {
        DnsMessage response = _zones.CreateResponse(request);
        if (ede is { } e)
        {
            DynamicZones.SetError(response, rcode, e.Code, e.Text);
        }
        else
        {
            response.Rcode = rcode;
        }

        await _zones.ReplyAsync(request, sink, response, tsig, ct).ConfigureAwait(false);
    }
}
