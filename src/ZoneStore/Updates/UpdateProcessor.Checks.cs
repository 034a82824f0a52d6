using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.ZoneStore.Updates;

public sealed partial class UpdateProcessor
{
    /// <summary>§3.2: the five prerequisite kinds. Null when all hold.</summary>
    private static UpdateResult? CheckPrerequisites(List<ResourceRecord> prerequisites, ZoneWorkingSet zone)
    {
        // §3.2.3: value-dependent prerequisites are gathered per RRset and compared whole.
        var expected = new Dictionary<(DnsName, RecordType), List<ResourceRecord>>();
        foreach (ResourceRecord rr in prerequisites)
        {
            if (rr.Ttl != 0)
            {
                return UpdateResult.Fail(DnsRcode.FormErr, "prerequisite TTL is not 0", rr);
            }

            if (!rr.Name.IsSubdomainOf(zone.Origin))
            {
                return UpdateResult.Fail(DnsRcode.NotZone, $"prerequisite owner {rr.Name} is outside zone {zone.Origin}", rr);
            }

            UpdateResult? failure = rr.Class switch
            {
                DnsClass.Any => CheckInUse(rr, zone),
                DnsClass.None => CheckNotInUse(rr, zone),
                DnsClass.IN => Collect(rr, expected),
                _ => UpdateResult.Fail(DnsRcode.FormErr, "prerequisite class is not IN, NONE or ANY", rr),
            };
            if (failure is not null)
            {
                return failure;
            }
        }

        foreach (var ((name, type), rrs) in expected)
        {
            if (!SameRdataSet(zone.GetRrset(name, type), rrs))
            {
                return UpdateResult.Fail(DnsRcode.NxRrset, $"RRset {name} {RecordTypeNames.ToText(type)} differs from the prerequisite", rrs[0]);
            }
        }

        return null;
    }

    private static UpdateResult? CheckInUse(ResourceRecord rr, ZoneWorkingSet zone)
    {
        if (!IsEmpty(rr.Data))
        {
            return UpdateResult.Fail(DnsRcode.FormErr, "class ANY prerequisite with RDATA", rr);
        }

        if (rr.Type == RecordType.ANY)
        {
            // §2.4.4 Name Is In Use.
            return zone.NameInUse(rr.Name) ? null
                : UpdateResult.Fail(DnsRcode.NxDomain, $"name {rr.Name} is not in use", rr);
        }

        // §2.4.1 RRset Exists (Value Independent).
        return zone.GetRrset(rr.Name, rr.Type).Count > 0 ? null
            : UpdateResult.Fail(DnsRcode.NxRrset, $"RRset {rr.Name} {RecordTypeNames.ToText(rr.Type)} does not exist", rr);
    }

    private static UpdateResult? CheckNotInUse(ResourceRecord rr, ZoneWorkingSet zone)
    {
        if (!IsEmpty(rr.Data))
        {
            return UpdateResult.Fail(DnsRcode.FormErr, "class NONE prerequisite with RDATA", rr);
        }

        if (rr.Type == RecordType.ANY)
        {
            // §2.4.5 Name Is Not In Use.
            return zone.NameInUse(rr.Name)
                ? UpdateResult.Fail(DnsRcode.YxDomain, $"name {rr.Name} is in use", rr) : null;
        }

        // §2.4.3 RRset Does Not Exist.
        return zone.GetRrset(rr.Name, rr.Type).Count > 0
            ? UpdateResult.Fail(DnsRcode.YxRrset, $"RRset {rr.Name} {RecordTypeNames.ToText(rr.Type)} exists", rr) : null;
    }

    private static UpdateResult? Collect(ResourceRecord rr, Dictionary<(DnsName, RecordType), List<ResourceRecord>> expected)
    {
        if (IsMetaType(rr.Type))
        {
            return UpdateResult.Fail(DnsRcode.FormErr, "value-dependent prerequisite of a meta type", rr);
        }

        var key = (rr.Name, rr.Type);
        if (!expected.TryGetValue(key, out var list))
        {
            list = [];
            expected[key] = list;
        }

        list.Add(rr);
        return null;
    }

    private static bool SameRdataSet(IReadOnlyList<WorkingRecord> actual, List<ResourceRecord> wanted)
    {
        var want = new List<byte[]>();
        foreach (ResourceRecord rr in wanted)
        {
            byte[] c = CanonicalRdata.Of(rr.Data);
            if (!want.Exists(w => w.AsSpan().SequenceEqual(c)))
            {
                want.Add(c);
            }
        }

        if (want.Count != actual.Count)
        {
            return false;
        }

        foreach (WorkingRecord e in actual)
        {
            if (!want.Exists(w => w.AsSpan().SequenceEqual(e.Canonical)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>§3.4.1: every update RR is checked before any is applied.</summary>
    private static UpdateResult? PreScan(List<ResourceRecord> updates, DnsName origin)
    {
        foreach (ResourceRecord rr in updates)
        {
            if (!rr.Name.IsSubdomainOf(origin))
            {
                return UpdateResult.Fail(DnsRcode.NotZone, $"update owner {rr.Name} is outside zone {origin}", rr);
            }

            string? error = rr.Class switch
            {
                DnsClass.IN when IsMetaType(rr.Type) || rr.Type == RecordType.ANY => "add of a meta type",
                DnsClass.IN => null,
                DnsClass.Any when rr.Ttl != 0 || !IsEmpty(rr.Data) => "class ANY delete with TTL or RDATA",
                DnsClass.Any when IsMetaType(rr.Type) => "class ANY delete of a meta type",
                DnsClass.Any => null,
                DnsClass.None when rr.Ttl != 0 => "class NONE delete with a TTL",
                DnsClass.None when IsMetaType(rr.Type) || rr.Type == RecordType.ANY => "class NONE delete of a meta type",
                DnsClass.None => null,
                _ => "update class is not IN, NONE or ANY",
            };
            if (error is not null)
            {
                return UpdateResult.Fail(DnsRcode.FormErr, error, rr);
            }
        }

        return null;
    }

    /// <summary>
    /// REFUSED when no grant of the zone applies to this key and address at all. RFC 2136 §3.3
    /// places permission checks after the prerequisites but leaves them implementation defined
    /// (§3.3.1, §3.3.2); like BIND's allow-update ACL, a requester with no grant is refused
    /// first, so it cannot learn which names and RRsets exist from prerequisite answers
    /// (NXDOMAIN, YXDOMAIN, NXRRSET, YXRRSET). Per-RR checks stay after the prerequisites.
    /// Null when some grant applies.
    /// </summary>
    public static UpdateResult? CheckRequester(ZoneUpdatePolicy policy, string? keyName, IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (UpdateGrant g in policy.Grants)
        {
            if (g.AppliesTo(keyName, client))
            {
                return null;
            }
        }

        string who = keyName is null ? "unsigned request" : $"key {keyName}";
        return UpdateResult.Fail(DnsRcode.Refused, $"no update grant for {who} from {client}");
    }

    /// <summary>§3.3: the policy must cover every update RR; one denial refuses the whole message.</summary>
    private static UpdateResult? CheckPermissions(List<ResourceRecord> updates, ZoneUpdatePolicy policy, string? keyName, IPAddress client)
    {
        List<UpdateGrant> grants = policy.GrantsFor(keyName, client);
        foreach (ResourceRecord rr in updates)
        {
            if (!ZoneUpdatePolicy.IsAllowed(grants, rr.Name, rr.Type))
            {
                return UpdateResult.Fail(DnsRcode.Refused, "update policy denies this RR", rr);
            }
        }

        return null;
    }

    private static bool IsEmpty(Rdata data) => data is UnknownRdata u && u.Data.IsEmpty;

    /// <summary>Types that can never be zone data (RFC 2136 §3.4.1.3, RFC 6895 §3.1).</summary>
    private static bool IsMetaType(RecordType type) => type is RecordType.AXFR or RecordType.IXFR
        or RecordType.MAILA or RecordType.MAILB or RecordType.OPT or RecordType.TSIG or RecordType.TKEY
        || (ushort)type == 0;
}
