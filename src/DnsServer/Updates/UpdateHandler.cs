using Microsoft.Extensions.Logging;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Processing;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Updates;

/// <summary>
/// RFC 2136 UPDATE over UDP and TCP: TSIG (RFC 8945), zone section, then the zone's policy,
/// prerequisites and updates through <see cref="ZoneWriter"/>; the response is sent only after
/// the change is durable, and is signed when the request was.
/// </summary>
public sealed partial class UpdateHandler : IMessageHandler
{
    private readonly DynamicZones _zones;
    private readonly ILogger<UpdateHandler> _logger;
    private readonly Guard.MassDeletionGuard? _guard;

    public UpdateHandler(DynamicZones zones, ILogger<UpdateHandler> logger, Guard.MassDeletionGuard? guard = null)
    {
        _zones = zones;
        _logger = logger;
        _guard = guard;
    }

    public async ValueTask HandleAsync(DnsRequest request, IResponseSink sink, CancellationToken ct)
    {
        var (passed, tsig) = await _zones.AdmitAsync(request, sink, "UPDATE", _logger, ct).ConfigureAwait(false);
        if (!passed)
        {
            return;
        }

        DnsMessage response = _zones.CreateResponse(request);
        await ProcessAsync(request, response, tsig, DynamicZones.KeyForLog(tsig), ct).ConfigureAwait(false);
        await _zones.ReplyAsync(request, sink, response, tsig, ct).ConfigureAwait(false);
    }

    /// <summary>Sets the response's RCODE (and EDE, when it has OPT) from the checks and the update.</summary>
    private async Task ProcessAsync(DnsRequest request, DnsMessage response, TsigVerifyResult tsig, string key, CancellationToken ct)
    {
        DnsMessage message = request.Message;
        DnsRcode rcode = UpdateProcessor.CheckZoneSection(message, out DnsName zoneName, out string? reason);
        string zone = zoneName.ToString();
        if (rcode != DnsRcode.NoError)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, rcode.ToString(), reason!, "-");
            _zones.Metrics.Refused(zone, rcode, "zone-section");
            response.Rcode = rcode;
            return;
        }

        // RFC 2136 §3.1.2: the zone must be one this server is authoritative for, named exactly;
        // with views, one of its instances (the key's, else the client's view's).
        string? keyName = DynamicZones.VerifiedKey(tsig);
        ZoneKey? instance = ZoneInstanceSelector.Select(zoneName, request.View, keyName, _zones.Catalog,
            k => _zones.GrantsUpdate(k, keyName), out string? ambiguity);
        ZoneSnapshot? snapshot = instance is { } found ? _zones.Catalog.Get(found) : null;
        if (snapshot is null || !_zones.Settings.Zones.TryGetValue(instance!.Value, out DynamicZoneSettings? zoneSettings))
        {
            if (zoneName.IsRoot)
            {
                Log.UpdateRootZone(_logger, request.Client, key);
            }
            else
            {
                Log.UpdateNotAuth(_logger, zone, request.Client);
            }

            _zones.Metrics.Refused(zone, DnsRcode.NotAuth, "not-authoritative");
            DynamicZones.SetError(response, DnsRcode.NotAuth, ExtendedDnsErrorCode.NotAuthoritative, ambiguity ?? $"zone {zone} is not served here");
            return;
        }

        zone = zoneSettings.Key.ToString();

        if (!_zones.Writer.HasStore)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, "REFUSED", "no store configured (SplitDns:Store:Path)", "-");
            _zones.Metrics.Refused(zone, DnsRcode.Refused, "no-store");
            DynamicZones.SetError(response, DnsRcode.Refused, ExtendedDnsErrorCode.NotSupported, "dynamic updates are disabled (no store)");
            return;
        }

        (UpdateResult? result, string? storeProblem, string? commitProblem) = await ApplyAsync(request, zoneSettings.Key, zoneSettings.Policy, keyName, ct).ConfigureAwait(false);
        if (result is null)
        {
            // RFC 8914 §4.24 Network Error: the store (a shared database) could not be reached.
            if (storeProblem is not null)
            {
                DynamicZones.SetError(response, DnsRcode.ServFail, ExtendedDnsErrorCode.NetworkError, $"store unreachable, nothing changed: {storeProblem}");
                return;
            }

            // RFC 8914 §4.1 Other Error: the store refused the commit (a full disk, an I/O error);
            // nothing was published and the update is not acknowledged, so the client retries.
            DynamicZones.SetError(response, DnsRcode.ServFail, ExtendedDnsErrorCode.Other, $"store commit failed, update not acknowledged: {commitProblem}");
            return;
        }

        Report(request, zone, key, result);
        if (result.Rcode == DnsRcode.Refused)
        {
            // RFC 8914 §4.19: the policy forbids it; the text says which grant or RR.
            string text = result.Offending is { } rr ? $"{result.Reason}: {rr.Name} {RecordTypeNames.ToText(rr.Type)}" : result.Reason ?? "";
            DynamicZones.SetError(response, DnsRcode.Refused, ExtendedDnsErrorCode.Prohibited, text);
            return;
        }

        response.Rcode = result.Rcode;
    }

    /// <summary>
    /// Refuses a requester with no grant at all before anything is queued or any prerequisite is
    /// looked at (see <see cref="UpdateProcessor.CheckRequester"/>); else commits through the
    /// writer. A null result when the commit failed (logged and counted; the answer is SERVFAIL),
    /// with the reason when the store could not be reached (nothing was changed), else with the
    /// store's error (e.g. SQLite's "database or disk is full").
    /// </summary>
    private async Task<(UpdateResult? Result, string? StoreProblem, string? CommitProblem)> ApplyAsync(DnsRequest request, ZoneKey zoneName, ZoneUpdatePolicy policy, string? keyName, CancellationToken ct)
    {
        if (UpdateProcessor.CheckRequester(policy, keyName, request.Client.Address) is { } refused)
        {
            return (refused, null, null);
        }

        try
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            UpdateResult? update = await SubmitGuardedAsync(request, zoneName, policy, keyName, ct).ConfigureAwait(false);
            _zones.Metrics.CommitDuration(zoneName.ToString(), System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
            return (update, null, null);
        }
        catch (ZoneStoreUnavailableException ex)
        {
            Log.UpdateStoreDown(_logger, zoneName.ToString(), request.Client, ex.Message);
            _zones.Metrics.Refused(zoneName.ToString(), DnsRcode.ServFail, "store-unreachable");
            _zones.Health?.ReportDown(ex.Message);
            return (null, ex.Message, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.CommitFailed(_logger, zoneName.ToString(), ex);
            _zones.Metrics.Refused(zoneName.ToString(), DnsRcode.ServFail, "commit-failed");
            return (null, null, ex.Message);
        }
    }

    private void Report(DnsRequest request, string zone, string key, UpdateResult result)
    {
        if (result.Rcode != DnsRcode.NoError)
        {
            Log.UpdateRejected(_logger, zone, request.Client, key, result.Rcode.ToString(), result.Reason ?? "-", result.Offending?.ToString() ?? "-");
            _zones.Metrics.Refused(zone, result.Rcode, result.Held ? "mass-deletion-held" : ReasonTag(result.Rcode));
            return;
        }

        foreach (RrOutcome o in result.Outcomes)
        {
            Log.UpdateRr(_logger, zone, request.Client, key, o.Record.ToString(), o.Kind.ToString());
        }

        Log.UpdateApplied(_logger, zone, request.Client, key, "NOERROR", result.OldSerial, result.NewSerial,
            result.Deleted.Count, result.Added.Count);
        _zones.Metrics.Applied(zone, result.Changed);
    }

    private static string ReasonTag(DnsRcode rcode) => rcode switch
    {
        DnsRcode.Refused => "policy",
        DnsRcode.NotZone => "not-zone",
        DnsRcode.FormErr => "format",
        _ => "prerequisite",
    };
}
