using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// One immutable version of a zone: a hash of nodes (including empty non-terminals) with the
/// delegation, occlusion and wildcard flags computed at build time (Knot/NSD style). Queries read
/// a snapshot without locks; updates build a new one and publish it through
/// <see cref="ZoneCatalog"/>.
/// </summary>
public sealed partial class ZoneSnapshot
{
    private readonly Dictionary<DnsName, ZoneNode> _nodes;
    private readonly ZoneNode _apex;
    private readonly int _originLabels;
    private ResourceRecord[]? _records;

    private ZoneSnapshot(DnsName origin, Dictionary<DnsName, ZoneNode> nodes, int recordCount, Rrset soa)
    {
        Origin = origin;
        _nodes = nodes;
        _apex = nodes[origin];
        _originLabels = origin.LabelCount;
        RecordCount = recordCount;
        SoaRrset = soa;
        Soa = soa[0];
        var soaData = (SoaRdata)Soa.Data;
        Serial = soaData.Serial;

        // RFC 2308 §3 (as amended by RFC 9077 practice): the negative TTL is min(SOA TTL, MINIMUM).
        NegativeSoa = soa.WithTtl(Math.Min(soa.Ttl, soaData.Minimum));
    }

    public DnsName Origin { get; }

    public ResourceRecord Soa { get; }

    public Rrset SoaRrset { get; }

    /// <summary>The SOA RRset with TTL = min(SOA TTL, MINIMUM), for NXDOMAIN/NODATA authority sections.</summary>
    public Rrset NegativeSoa { get; }

    public uint Serial { get; }

    public int RecordCount { get; }

    public int NodeCount => _nodes.Count;

    public ZoneNode Apex => _apex;

    /// <summary>
    /// All records: SOA first, then canonical order (RFC 4034 §6.1); the AXFR set. Sorted on first
    /// use and kept: an UPDATE publishes a snapshot per commit, most of which are never transferred.
    /// </summary>
    public IEnumerable<ResourceRecord> Records => Volatile.Read(ref _records) ?? SortedRecords();

    /// <summary>The apex NS RRset, if any (authority section of positive answers is left empty, as Knot does).</summary>
    public Rrset? ApexNs => _apex.GetRrset(RecordType.NS);

    /// <summary>Every node, empty non-terminals included (tests compare builds through it).</summary>
    internal IEnumerable<ZoneNode> Nodes => _nodes.Values;

    /// <summary>The node that owns exactly <paramref name="name"/> (occluded and empty non-terminals included).</summary>
    public bool TryGetNode(DnsName name, out ZoneNode node) => _nodes.TryGetValue(name, out node!);

    /// <summary>The RRset of <paramref name="type"/> at <paramref name="name"/>, no wildcard or cut processing.</summary>
    public Rrset? GetRrset(DnsName name, RecordType type) =>
        _nodes.TryGetValue(name, out ZoneNode? node) ? node.GetRrset(type) : null;

    /// <summary>
    /// Looks <paramref name="qname"/> up (RFC 1034 §4.3.2 step 3, RFC 4592 §3.3.1, RFC 6672 §3.2).
    /// Walks down from the apex one label at a time so that a zone cut or DNAME above the name
    /// wins. <paramref name="match"/> is the node that answers (the wildcard node when one was
    /// used; the cut for a referral; the DNAME owner for Dname); <paramref name="encloser"/> is
    /// the closest encloser (the deepest existing ancestor-or-self).
    /// </summary>
    public LookupOutcome Find(DnsName qname, RecordType qtype, out ZoneNode? match, out ZoneNode encloser)
    {
        if (!qname.IsSubdomainOf(Origin))
        {
            throw new ArgumentException($"{qname} is not in zone {Origin}", nameof(qname));
        }

        ReadOnlyMemory<byte> wire = qname.WireMemory;
        ReadOnlySpan<byte> span = wire.Span;
        Span<byte> starts = stackalloc byte[128];
        int labels = 0;
        for (int i = 0; span[i] != 0; i += span[i] + 1)
        {
            starts[labels++] = (byte)i;
        }

        int below = labels - _originLabels;
        ZoneNode current = _apex;
        for (int k = 1; k <= below; k++)
        {
            // current is a proper ancestor of qname here: a cut or a DNAME redirects everything below.
            if (current.IsDelegation)
            {
                match = current;
                encloser = current;
                return LookupOutcome.Referral;
            }

            if (current.Dname is not null)
            {
                match = current;
                encloser = current;
                return LookupOutcome.Dname;
            }

            DnsName next = DnsName.FromValidatedWire(wire[starts[below - k]..]);
            if (!_nodes.TryGetValue(next, out ZoneNode? child))
            {
                encloser = current;
                return FindWildcard(current, qtype, out match);
            }

            current = child;
        }

        encloser = current;

        // RFC 4035 §3.1.4.1: DS lives on the parent side of a cut, so it is answered here.
        if (current.IsDelegation && qtype != RecordType.DS)
        {
            match = current;
            return LookupOutcome.Referral;
        }

        match = current;
        return AnswerAt(current, qtype);
    }

    private static LookupOutcome FindWildcard(ZoneNode closestEncloser, RecordType qtype, out ZoneNode? match)
    {
        // RFC 4592 §3.3.1: only the source of synthesis "*.<closest encloser>" may answer; a
        // wildcard further up never matches below an existing name or empty non-terminal.
        ZoneNode? wildcard = closestEncloser.WildcardChild;
        if (wildcard is null)
        {
            match = null;
            return LookupOutcome.NxDomain;
        }

        match = wildcard;
        return AnswerAt(wildcard, qtype);
    }

    private static LookupOutcome AnswerAt(ZoneNode node, RecordType qtype)
    {
        if (qtype == RecordType.ANY)
        {
            return node.IsEmptyNonTerminal ? LookupOutcome.NoData : LookupOutcome.Hit;
        }

        if (node.TryGetRrset(qtype, out _))
        {
            return LookupOutcome.Hit;
        }

        return node.Cname is not null ? LookupOutcome.Cname : LookupOutcome.NoData;
    }

    public override string ToString() => $"{Origin} serial {Serial} ({RecordCount} records)";
}
