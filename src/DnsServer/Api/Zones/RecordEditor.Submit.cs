using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;
using SplitDns.ZoneStore.Updates;
using SplitDns.ZoneStore.Writing;

namespace SplitDns.Server.Api.Zones;

public sealed partial class RecordEditor
{
    /// <summary>An UPDATE message for the zone: zone section only (RFC 2136 §2.3), prerequisites and updates added by the caller.</summary>
    private static DnsMessage NewUpdate(ZoneKey key)
    {
        var m = new DnsMessage();
        m.Header.Opcode = DnsOpcode.Update;
        m.Questions.Add(new DnsQuestion(key.Origin, RecordType.SOA));
        return m;
    }

    /// <summary>An RR with no RDATA: class ANY deletes an RRset (§2.5.2) or asserts it exists (§2.4.1).</summary>
    private static ResourceRecord Empty(DnsName name, RecordType type, DnsClass cls) =>
        new(name, type, cls, 0, new UnknownRdata(type, []));

    /// <summary>RFC 2136 §2.4.2 "RRset exists (value dependent)": the RRset is still exactly what this request saw.</summary>
    private static void AddExistsPrerequisite(DnsMessage update, Rrset set)
    {
        foreach (ResourceRecord r in set.Records)
        {
            update.Answers.Add(new ResourceRecord(r.Name, r.Type, DnsClass.IN, 0, r.Data));
        }
    }

    /// <summary>
    /// The API's policy: the caller may change every name and type of the zone (the write path still
    /// protects the apex SOA and last NS, RFC 2136 §3.4.2.4). The grant is for the actor, which
    /// the writer passes as the requester's key name.
    /// </summary>
    private static ZoneUpdatePolicy PolicyFor(ZoneKey key, string actor) =>
        new([new UpdateGrant(actor, [NamePattern.Parse("**", key.Origin)], [], [])]);

    /// <summary>Submits one change; the store being down is 503, no store at all 409 (an API change must be durable).</summary>
    private async Task<UpdateResult> SubmitAsync(ZoneKey key, DnsMessage update, string actor, IPEndPoint client, CancellationToken ct)
    {
        if (!_writer.HasStore)
        {
            throw RecordRequestException.Conflict("changes need a zone store (SplitDns:Store:Path); this server has none");
        }

        try
        {
            ZoneChangeOutcome outcome = await _writer.SubmitAsync(
                ZoneChangeRequest.Api(key, update, PolicyFor(key, actor), actor, client), ct).ConfigureAwait(false);
            return outcome.Update ?? throw new InvalidOperationException("the write path returned no update result");
        }
        catch (ZoneStoreUnavailableException ex)
        {
            throw RecordRequestException.Unavailable($"the zone store cannot be reached, nothing was changed: {ex.Message}");
        }
    }

    /// <summary>
    /// Maps the write path's answer: a failed prerequisite is 409 (the RRset changed since this
    /// request looked), other rcodes 400/409; an add the write path ignored (CNAME conflict,
    /// protected record, duplicate) is 409 with the reason.
    /// </summary>
    private static void RequireApplied(UpdateResult result, ResourceRecord? added)
    {
        string offending = result.Offending is { } bad ? $" ({Describe(bad)})" : "";
        switch (result.Rcode)
        {
            case DnsRcode.NoError:
                break;
            case DnsRcode.NxRrset or DnsRcode.YxRrset or DnsRcode.NxDomain or DnsRcode.YxDomain:
                throw RecordRequestException.Conflict($"the zone changed meanwhile, nothing was changed: {result.Reason}");
            case DnsRcode.NotZone or DnsRcode.FormErr:
                throw RecordRequestException.BadRequest("name", (result.Reason ?? "rejected") + offending);
            default:
                throw RecordRequestException.Conflict($"the write path refused the change ({result.Rcode}): {result.Reason}{offending}");
        }

        foreach (RrOutcome o in result.Outcomes)
        {
            string? why = o.Kind switch
            {
                RrOutcomeKind.IgnoredCnameConflict => "a CNAME cannot share its name with other data (RFC 2181 §10.1)",
                RrOutcomeKind.IgnoredProtected => "the apex SOA and the last apex NS are never deleted (RFC 2136 §3.4.2.4)",
                RrOutcomeKind.IgnoredSoa => "SOA changes are not accepted here",
                RrOutcomeKind.Duplicate when added is not null && ReferenceEquals(o.Record, added) && !result.Changed => "the record exists already",
                _ => null,
            };
            if (why is not null)
            {
                string committed = result.Changed ? $" (the rest of the change was committed as serial {result.NewSerial})" : ", nothing was changed";
                throw RecordRequestException.Conflict($"{Describe(o.Record)}: {why}{committed}");
            }
        }
    }

    /// <summary>The record as stored now, with its provenance (api when the store does not say).</summary>
    private async Task<ApiRecord> ShowAsync(ZoneKey key, ResourceRecord rr, CancellationToken ct)
    {
        RecordProvenance provenance = RecordProvenance.Api;
        if (_writer.Store is { } store)
        {
            try
            {
                StoredZone? stored = await store.LoadZoneAsync(key, ct).ConfigureAwait(false);
                byte[] wanted = CanonicalRdata.Of(rr.Data);
                foreach (StoredRecord s in stored?.Records ?? [])
                {
                    if (s.Record.Type == rr.Type && s.Record.Name.Equals(rr.Name) && CanonicalRdata.Of(s.Record.Data).AsSpan().SequenceEqual(wanted))
                    {
                        provenance = s.Provenance;
                        rr = s.Record;
                        break;
                    }
                }
            }
            catch (ZoneStoreUnavailableException)
            {
                // Committed already; only the provenance lookup failed.
            }
        }

        return ToApi(rr, provenance);
    }

    public static ApiRecord ToApi(ResourceRecord rr, RecordProvenance provenance) =>
        new(rr.Name.ToString(), RecordTypeNames.ToText(rr.Type), rr.Ttl, rr.Data.ToString(), ProvenanceText(provenance));

    public static string ProvenanceText(RecordProvenance p) => p switch
    {
        RecordProvenance.File => "file",
        RecordProvenance.Dynamic => "dynamic",
        _ => "api",
    };
}
