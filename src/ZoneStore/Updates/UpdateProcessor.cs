using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// Applies one RFC 2136 UPDATE to a zone's working set: zone section (§3.1), requester (does
/// any grant apply at all), prerequisites (§3.2), pre-scan (§3.4.1), per-RR permissions (§3.3),
/// then the update RRs strictly in order
/// (§3.4.2), then the serial (§3.6). All or nothing: a failure leaves nothing to commit, and the
/// caller drops the working set. Zone lookup (NOTAUTH) and TSIG are the caller's job.
/// </summary>
public sealed partial class UpdateProcessor
{
    private readonly UpdateSettings _settings;

    public UpdateProcessor(UpdateSettings settings) => _settings = settings;

    /// <summary>
    /// Checks the zone section (§3.1.1): exactly one entry, type SOA, class IN. Returns FORMERR
    /// with a reason, or NOERROR with the zone name the client named.
    /// </summary>
    public static DnsRcode CheckZoneSection(DnsMessage message, out DnsName zone, out string? reason)
    {
        zone = DnsName.Root;
        if (message.Questions.Count != 1)
        {
            reason = $"zone section has {message.Questions.Count} entries, need exactly 1";
            return DnsRcode.FormErr;
        }

        DnsQuestion q = message.Questions[0];
        zone = q.Name;
        if (q.Type != RecordType.SOA)
        {
            reason = $"zone section type is {RecordTypeNames.ToText(q.Type)}, need SOA";
            return DnsRcode.FormErr;
        }

        if (q.Class != DnsClass.IN)
        {
            // Only class IN zones are served; another class names a zone we do not have.
            reason = $"zone class {RecordTypeNames.ClassToText(q.Class)} is not served";
            return DnsRcode.NotAuth;
        }

        reason = null;
        return DnsRcode.NoError;
    }

    /// <summary>Applies the prerequisite and update sections of <paramref name="message"/> to <paramref name="zone"/>.</summary>
    public UpdateResult Apply(DnsMessage message, ZoneWorkingSet zone, ZoneUpdatePolicy policy,
        string? keyName, IPAddress client, DateTimeOffset now)
    {
        UpdateResult? failure = CheckRequester(policy, keyName, client)
            ?? CheckPrerequisites(message.Answers, zone)
            ?? PreScan(message.Authority, zone.Origin)
            ?? CheckPermissions(message.Authority, policy, keyName, client);
        if (failure is not null)
        {
            return failure;
        }

        uint oldSerial = zone.SoaData.Serial;
        var outcomes = new List<RrOutcome>(message.Authority.Count);
        bool explicitSoa = false;
        foreach (ResourceRecord rr in message.Authority)
        {
            RrOutcome outcome = ApplyOne(rr, zone);
            explicitSoa |= outcome.Kind == RrOutcomeKind.SoaReplaced;
            outcomes.Add(outcome);
        }

        var (deleted, added) = zone.Diff();
        bool changed = deleted.Count > 0 || added.Count > 0;
        bool soaNewer = explicitSoa && SerialArithmetic.IsNewer(zone.SoaData.Serial, oldSerial);
        if (changed && !soaNewer)
        {
            // §3.6: bump once per effective update, never per RR.
            uint next = SerialArithmetic.Next(oldSerial, _settings.SerialStyle, _settings.SerialIncrement, now);
            ResourceRecord soa = zone.Soa;
            zone.Replace(new ResourceRecord(soa.Name, soa.Ttl, zone.SoaData.WithSerial(next)));
            (deleted, added) = zone.Diff();
        }

        return UpdateResult.Success(outcomes, deleted, added, oldSerial, zone.SoaData.Serial);
    }

    /// <summary>§3.4.2: one update RR, given that the pre-scan accepted it.</summary>
    private static RrOutcome ApplyOne(ResourceRecord rr, ZoneWorkingSet zone)
    {
        bool atApex = rr.Name.Equals(zone.Origin);
        switch (rr.Class)
        {
            case DnsClass.IN:
                return ApplyAdd(rr, zone, atApex);
            case DnsClass.Any when rr.Type == RecordType.ANY:
                return DeleteName(rr, zone, atApex);
            case DnsClass.Any:
                if (atApex && rr.Type is RecordType.SOA or RecordType.NS)
                {
                    return new RrOutcome(rr, RrOutcomeKind.IgnoredProtected);
                }

                int removed = zone.RemoveRrset(rr.Name, rr.Type);
                return new RrOutcome(rr, removed > 0 ? RrOutcomeKind.Deleted : RrOutcomeKind.NotPresent, removed);
            default:
                return DeleteOne(rr, zone, atApex);
        }
    }

    private static RrOutcome ApplyAdd(ResourceRecord rr, ZoneWorkingSet zone, bool atApex)
    {
        if (rr.Type == RecordType.SOA)
        {
            if (!atApex || SerialArithmetic.IsNewer(zone.SoaData.Serial, ((SoaRdata)rr.Data).Serial))
            {
                return new RrOutcome(rr, RrOutcomeKind.IgnoredSoa);
            }

            return new RrOutcome(rr, zone.Replace(rr) ? RrOutcomeKind.SoaReplaced : RrOutcomeKind.Duplicate);
        }

        if (rr.Type == RecordType.DNAME && zone.GetRrset(rr.Name, RecordType.DNAME).Count > 0)
        {
            // RFC 6672 §2.4: a DNAME RRset holds one record, so an add replaces it like a CNAME.
            return new RrOutcome(rr, zone.Replace(rr) ? RrOutcomeKind.Replaced : RrOutcomeKind.Duplicate);
        }

        bool hasCname = zone.GetRrset(rr.Name, RecordType.CNAME).Count > 0;
        if (rr.Type == RecordType.CNAME)
        {
            if (HasNonCnameData(zone, rr.Name))
            {
                return new RrOutcome(rr, RrOutcomeKind.IgnoredCnameConflict);
            }

            if (hasCname)
            {
                return new RrOutcome(rr, zone.Replace(rr) ? RrOutcomeKind.Replaced : RrOutcomeKind.Duplicate);
            }
        }
        else if (hasCname && !IsCnameCompanion(rr.Type))
        {
            return new RrOutcome(rr, RrOutcomeKind.IgnoredCnameConflict);
        }

        return new RrOutcome(rr, zone.Add(rr) ? RrOutcomeKind.Added : RrOutcomeKind.Duplicate);
    }

    private static RrOutcome DeleteName(ResourceRecord rr, ZoneWorkingSet zone, bool atApex)
    {
        int removed = 0;
        foreach (RecordType type in zone.TypesAt(rr.Name))
        {
            // §3.4.2.3: at the apex, SOA and NS survive a delete-name.
            if (atApex && type is RecordType.SOA or RecordType.NS)
            {
                continue;
            }

            removed += zone.RemoveRrset(rr.Name, type);
        }

        return new RrOutcome(rr, removed > 0 ? RrOutcomeKind.Deleted : RrOutcomeKind.NotPresent, removed);
    }

    private static RrOutcome DeleteOne(ResourceRecord rr, ZoneWorkingSet zone, bool atApex)
    {
        // §3.4.2.4: never delete the SOA, nor the last NS at the apex.
        if (rr.Type == RecordType.SOA)
        {
            return new RrOutcome(rr, RrOutcomeKind.IgnoredProtected);
        }

        if (atApex && rr.Type == RecordType.NS)
        {
            IReadOnlyList<WorkingRecord> ns = zone.GetRrset(rr.Name, RecordType.NS);
            if (ns.Count == 1 && ns[0].Canonical.AsSpan().SequenceEqual(CanonicalRdata.Of(rr.Data)))
            {
                return new RrOutcome(rr, RrOutcomeKind.IgnoredProtected);
            }
        }

        return new RrOutcome(rr, zone.Remove(rr.Name, rr.Type, rr.Data) ? RrOutcomeKind.Deleted : RrOutcomeKind.NotPresent);
    }

    private static bool HasNonCnameData(ZoneWorkingSet zone, DnsName name)
    {
        foreach (RecordType t in zone.TypesAt(name))
        {
            if (t != RecordType.CNAME && !IsCnameCompanion(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 4035 §2.5 / RFC 2136 §3.4.2.2 note: DNSSEC records may sit beside a CNAME.</summary>
    private static bool IsCnameCompanion(RecordType type) => type is RecordType.RRSIG or RecordType.NSEC;
}
