using System.Buffers;
using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.Server.Resolution;
using SplitDns.ZoneStore.Memory;
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

    public TransferHandler(DynamicZones zones, ILogger<TransferHandler> logger)
    {
        _zones = zones;
        _logger = logger;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        DnsMessage message = request.Message;
        DnsQuestion q = message.Questions[0];
        string kind = q.Type == RecordType.IXFR ? "IXFR" : "AXFR";
        var (passed, tsig) = await _zones.VerifyTsigAsync(request, sink, kind, _logger, ct).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        string key = DynamicZones.KeyForLog(tsig);

        if (q.Type == RecordType.AXFR && request.Transport == DnsTransport.Udp)
        {
            // RFC 5936 §4.2: AXFR is TCP only.
            Log.TransferRejected(_logger, kind, q.Name.ToString(), request.Client, key, "FORMERR", "AXFR over UDP (RFC 5936 §4.2: TCP only)");
            await SendErrorAsync(message, tsig, DnsRcode.FormErr, sink, ct).ConfigureAwait(false);
            return;
        }

        ZoneSnapshot? zone = _zones.Catalog.Get(q.Name);
        if (zone is null || message.Questions.Count != 1)
        {
            // external-dns only logs a refused AXFR and then re-creates every record each cycle
            // (kubernetes-sigs/external-dns#2980), so say loudly here which zone was asked for.
            Log.TransferRejected(_logger, kind, q.Name.ToString(), request.Client, key, "NOTAUTH",
                zone is null ? "zone not served here (check --rfc2136-zone)" : "more than one question");
            _zones.Metrics.Refused(q.Name.ToString(), DnsRcode.NotAuth, "not-authoritative");
            await SendErrorAsync(message, tsig, DnsRcode.NotAuth, sink, ct).ConfigureAwait(false);
            return;
        }

        string? keyName = DynamicZones.VerifiedKey(tsig);
        if (!_zones.Settings.Zones.TryGetValue(zone.Origin, out DynamicZoneSettings? zs) || !zs.Transfer.Allows(keyName, request.Client.Address))
        {
            Log.TransferRefused(_logger, kind, zone.Origin.ToString(), request.Client, key);
            _zones.Metrics.Refused(zone.Origin.ToString(), DnsRcode.Refused, "transfer-acl");
            await SendErrorAsync(message, tsig, DnsRcode.Refused, sink, ct).ConfigureAwait(false);
            return;
        }

        List<ResourceRecord> sequence = await BuildSequenceAsync(q.Type, message, zone, ct).ConfigureAwait(false);
        if (request.Transport == DnsTransport.Udp && sequence.Count > 1)
        {
            // RFC 1995 §2: over UDP, an IXFR that does not fit is answered with the SOA alone
            // (the client then retries over TCP).
            sequence = [zone.Soa];
        }

        var (messages, bytes) = await StreamAsync(message, sequence, tsig, sink, ct).ConfigureAwait(false);
        uint serial = ((SoaRdata)sequence[0].Data).Serial;
        Log.TransferServed(_logger, kind, zone.Origin.ToString(), request.Client, key, messages, sequence.Count, bytes, serial);
        _zones.Metrics.Transfer(zone.Origin.ToString(), kind.ToLowerInvariant(), sequence.Count, bytes);
    }

    private async Task<List<ResourceRecord>> BuildSequenceAsync(RecordType type, DnsMessage message, ZoneSnapshot zone, CancellationToken ct)
    {
        if (type == RecordType.IXFR && message.Authority.Count > 0 && message.Authority[0].Data is SoaRdata clientSoa)
        {
            if (!SerialArithmetic.IsNewer(zone.Serial, clientSoa.Serial))
            {
                // RFC 1995 §4: the client is current; one SOA says so.
                return [zone.Soa];
            }

            if (_zones.Writer.Store is { } store
                && await store.ReadJournalAsync(zone.Origin, clientSoa.Serial, ct).ConfigureAwait(false) is { Count: > 0 } journal)
            {
                // The journal's newest SOA is the store's; it may be newer than the snapshot read above.
                ResourceRecord newest = journal[^1].Added.First(r => r.Type == RecordType.SOA);
                return TransferSequence.Ixfr(newest, journal);
            }
        }

        return TransferSequence.Axfr(zone.Records.ToList());
    }

    private static async Task<(int Messages, long Bytes)> StreamAsync(DnsMessage request, List<ResourceRecord> sequence,
        TsigVerifyResult tsig, IResponseSink sink, CancellationToken ct)
    {
        TsigStreamSigner? signer = tsig.IsValid ? new TsigStreamSigner(tsig) : null;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(65535);
        try
        {
            int index = 0;
            int messages = 0;
            long bytes = 0;
            while (index < sequence.Count)
            {
                int length = XfrMessageWriter.Write(buffer, XfrMessageWriter.DefaultMessageSize, request, sequence, ref index, messages == 0);
                if (signer is not null && !signer.TrySign(buffer, length, SignedResponse.Now(), out length))
                {
                    throw new InvalidOperationException("no room for the TSIG of a transfer message");
                }

                await sink.SendAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                messages++;
                bytes += length;
            }

            return (messages, bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SendErrorAsync(DnsMessage request, TsigVerifyResult tsig, DnsRcode rcode, IResponseSink sink, CancellationToken ct)
    {
        DnsMessage response = request.CreateResponse();
        response.Rcode = rcode;
        await sink.SendAsync(SignedResponse.Encode(response, tsig), ct).ConfigureAwait(false);
    }
}
