using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Zone-level checks on parsed records, kept apart from the parser so a caller can load a
/// fragment (or an $INCLUDE'd piece) without them. Errors are what BIND refuses to load;
/// warnings are what it loads but complains about.
/// </summary>
public static class ZoneValidator
{
    /// <summary>Checks <paramref name="records"/> as the complete contents of the zone at <paramref name="origin"/>.</summary>
    public static IReadOnlyList<ZoneValidationIssue> Validate(DnsName origin, IReadOnlyList<ResourceRecord> records)
    {
        var issues = new List<ZoneValidationIssue>();
        var byName = new Dictionary<DnsName, NameSummary>();
        int soaCount = 0;
        bool apexNs = false;
        foreach (ResourceRecord record in records)
        {
            if (!record.Name.IsSubdomainOf(origin))
            {
                // BIND: "ignoring out-of-zone data"; we refuse it so nothing is lost silently.
                issues.Add(new(record.Name, record.Type, true, $"out of zone: not at or below {origin}"));
                continue;
            }

            bool atApex = record.Name.Equals(origin);
            if (record.Type == RecordType.SOA)
            {
                soaCount++;
                if (!atApex)
                {
                    issues.Add(new(record.Name, record.Type, true, "SOA is allowed only at the zone apex (RFC 1035 §5.2)"));
                }
            }

            apexNs |= atApex && record.Type == RecordType.NS;
            if (!byName.TryGetValue(record.Name, out NameSummary? summary))
            {
                summary = new NameSummary();
                byName.Add(record.Name, summary);
            }

            summary.Add(record, issues);
        }

        if (soaCount == 0)
        {
            issues.Add(new(origin, RecordType.SOA, true, "the zone has no SOA record at its apex (RFC 1035 §5.2)"));
        }
        else if (soaCount > 1)
        {
            issues.Add(new(origin, RecordType.SOA, true, $"the zone has {soaCount} SOA records; exactly one is allowed"));
        }

        if (!apexNs)
        {
            issues.Add(new(origin, RecordType.NS, true, "the zone has no NS record at its apex (RFC 1035 §5.2)"));
        }

        foreach ((DnsName name, NameSummary summary) in byName)
        {
            summary.Check(name, issues);
        }

        return issues;
    }

    /// <summary>True when <paramref name="issues"/> holds no error (warnings allowed).</summary>
    public static bool IsValid(IReadOnlyList<ZoneValidationIssue> issues)
    {
        foreach (ZoneValidationIssue issue in issues)
        {
            if (issue.IsError)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What one owner name holds, enough for the CNAME and RRset-TTL rules.</summary>
    private sealed class NameSummary
    {
        private readonly Dictionary<RecordType, uint> _ttls = [];
        private Rdata? _cname;
        private bool _twoCnames;
        private bool _other;

        public void Add(ResourceRecord record, List<ZoneValidationIssue> issues)
        {
            if (record.Type == RecordType.CNAME)
            {
                // The same CNAME twice is one RRset member listed twice, not two aliases.
                _twoCnames |= _cname is not null && !_cname.Equals(record.Data);
                _cname ??= record.Data;
            }
            else if (record.Type is not (RecordType.RRSIG or RecordType.NSEC))
            {
                // RFC 4035 §2.5: RRSIG and NSEC may sit beside a CNAME; nothing else may.
                _other = true;
            }

            if (_ttls.TryGetValue(record.Type, out uint ttl))
            {
                if (ttl != record.Ttl)
                {
                    issues.Add(new(record.Name, record.Type, false, $"TTL {record.Ttl} differs from {ttl} of the same RRset (RFC 2181 §5.2)"));
                }
            }
            else
            {
                _ttls.Add(record.Type, record.Ttl);
            }
        }

        public void Check(DnsName name, List<ZoneValidationIssue> issues)
        {
            if (_cname is not null && _other)
            {
                issues.Add(new(name, RecordType.CNAME, true, "CNAME and other data at the same name (RFC 1034 §3.6.2)"));
            }

            if (_twoCnames)
            {
                issues.Add(new(name, RecordType.CNAME, true, "more than one CNAME at the same name (RFC 2181 §10.1)"));
            }
        }
    }
}
