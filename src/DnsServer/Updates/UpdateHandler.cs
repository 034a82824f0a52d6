using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>
/// RFC 2136 UPDATE over UDP and TCP: TSIG (RFC 8945), zone section, then the zone's policy,
/// prerequisites and updates through <see cref="ZoneWriter"/>; the response is sent only after
/// the change is durable, and is signed when the request was.
/// </summary>
public sealed class UpdateHandler : IMessageHandler
{
    private readonly DynamicSettings _settings;
    private readonly ZoneCatalog _catalog;
    private readonly ZoneWriter _writer;
    private readonly UpdateMetrics _metrics;
    private readonly ILogger<UpdateHandler> _logger;

    public UpdateHandler(DynamicSettings settings, ZoneCatalog catalog, ZoneWriter writer, UpdateMetrics metrics, ILogger<UpdateHandler> logger)
    {
        _settings = settings;
        _catalog = catalog;
        _writer = writer;
        _metrics = metrics;
        _logger = logger;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        TsigVerifyResult tsig = TsigVerifier.VerifyRequest(request.Raw.Span, _settings.Keys, SignedResponse.Now());
        string key = tsig.Record is null ? "-" : tsig.OwnerName.ToString();
        if (tsig.RequiresErrorResponse)
        {
            Log.TsigFailed(_logger, "UPDATE", request.Client, TsigRdata.ErrorToText((ushort)tsig.Error), key, tsig.Record!.Data.Algorithm.ToString());
            _metrics.TsigFailure("update", tsig.Error);
            await sink.SendAsync(SignedResponse.TsigError(request.Raw.Span, tsig), ct).ConfigureAwait(false);
            return;
        }

        DnsMessage response = request.Message.CreateResponse();
        response.Rcode = await ProcessAsync(request, tsig, key, ct).ConfigureAwait(false);
        await sink.SendAsync(SignedResponse.Encode(response, tsig), ct).ConfigureAwait(false);
    }

    private async Task<DnsRcode> ProcessAsync(DnsRequest request, TsigVerifyResult tsig, string key, CancellationToken ct)
    {
        DnsMessage message = request.Message;
        DnsRcode rcode = UpdateProcessor.CheckZoneSection(message, out DnsName zoneName, out string? reason);
        string zone = zoneName.ToString();
        if (rcode != DnsRcode.NoError)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, rcode.ToString(), reason!, "-");
            _metrics.Refused(zone, rcode, "zone-section");
            return rcode;
        }

        // RFC 2136 §3.1.2: the zone must be one this server is authoritative for, named exactly.
        ZoneSnapshot? snapshot = _catalog.Get(zoneName);
        if (snapshot is null || !_settings.Zones.TryGetValue(zoneName, out DynamicZoneSettings? zoneSettings))
        {
            if (zoneName.IsRoot)
            {
                Log.UpdateRootZone(_logger, request.Client, key);
            }
            else
            {
                Log.UpdateNotAuth(_logger, zone, request.Client);
            }

            _metrics.Refused(zone, DnsRcode.NotAuth, "not-authoritative");
            return DnsRcode.NotAuth;
        }

        if (!_writer.HasStore)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, "REFUSED", "no store configured (SplitDns:Store:Path)", "-");
            _metrics.Refused(zone, DnsRcode.Refused, "no-store");
            return DnsRcode.Refused;
        }

        string? keyName = tsig.IsValid ? tsig.Key!.Name.ToString() : null;
        UpdateResult result;
        try
        {
            result = await _writer.ApplyAsync(zoneName, message, zoneSettings.Policy, keyName, request.Client, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.CommitFailed(_logger, zone, ex);
            _metrics.Refused(zone, DnsRcode.ServFail, "commit-failed");
            return DnsRcode.ServFail;
        }

        Report(request, zone, key, result);
        return result.Rcode;
    }

    private void Report(DnsRequest request, string zone, string key, UpdateResult result)
    {
        if (result.Rcode != DnsRcode.NoError)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, result.Rcode.ToString(), result.Reason ?? "-", result.Offending?.ToString() ?? "-");
            _metrics.Refused(zone, result.Rcode, ReasonTag(result.Rcode));
            return;
        }

        foreach (RrOutcome o in result.Outcomes)
        {
            Log.UpdateRr(_logger, zone, request.Client, key, o.Record.ToString(), o.Kind.ToString());
        }

        Log.UpdateApplied(_logger, zone, request.Client, key, "NOERROR", result.OldSerial, result.NewSerial,
            result.Deleted.Count, result.Added.Count);
        _metrics.Applied(zone, result.Changed);
    }

    private static string ReasonTag(DnsRcode rcode) => rcode switch
    {
        DnsRcode.Refused => "policy",
        DnsRcode.NotZone => "not-zone",
        DnsRcode.FormErr => "format",
        _ => "prerequisite",
    };
}
