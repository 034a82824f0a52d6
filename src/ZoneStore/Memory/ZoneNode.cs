using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// One owner name in a zone snapshot with its RRsets and the flags computed at build time
/// (Knot/NSD style): apex, delegation point, occluded (glue or data below a cut or a DNAME),
/// empty non-terminal, and the wildcard child used for RFC 4592 synthesis. Immutable once the
/// snapshot is published.
/// </summary>
public sealed class ZoneNode
{
    // One RRset (most names of a large zone) is held as itself, more (or none) as an array.
    private Rrset? _single;
    private Rrset[]? _rrsets;

    internal ZoneNode(DnsName name, Rrset[] rrsets)
    {
        Name = name;
        Store(rrsets);
    }

    public DnsName Name { get; }

    public ReadOnlySpan<Rrset> Rrsets => _rrsets ?? new ReadOnlySpan<Rrset>(in _single!);

    /// <summary>True when the node owns no RRset (RFC 4592 §2.2.2 empty non-terminal).</summary>
    public bool IsEmptyNonTerminal => _rrsets is { Length: 0 };

    public bool IsApex { get; internal set; }

    /// <summary>NS records below the apex: a zone cut (RFC 1034 §4.2.1).</summary>
    public bool IsDelegation { get; internal set; }

    /// <summary>Below a zone cut or a DNAME: not authoritative data (glue, or occluded, RFC 6672 §2.4).</summary>
    public bool IsOccluded { get; internal set; }

    /// <summary>The node "*.&lt;this name&gt;" when it exists (RFC 4592 §2.1.1), else null.</summary>
    public ZoneNode? WildcardChild { get; internal set; }

    public Rrset? Cname { get; private set; }

    public Rrset? Dname { get; private set; }

    /// <summary>Direct children in the snapshot (empty non-terminals included); an incremental build drops an empty non-terminal at 0.</summary>
    internal int ChildCount { get; set; }

    /// <summary>True when the node redirects everything below it (a cut below the apex, or a DNAME).</summary>
    internal bool RedirectsBelow => IsDelegation || Dname is not null;

    /// <summary>Finds the RRset of <paramref name="type"/>; a handful of types per node makes a scan fastest.</summary>
    public bool TryGetRrset(RecordType type, out Rrset rrset)
    {
        foreach (Rrset set in Rrsets)
        {
            if (set.Type == type)
            {
                rrset = set;
                return true;
            }
        }

        rrset = null!;
        return false;
    }

    public Rrset? GetRrset(RecordType type) => TryGetRrset(type, out Rrset set) ? set : null;

    internal void SetRrsets(Rrset[] rrsets)
    {
        Store(rrsets);
        Cname = GetRrset(RecordType.CNAME);
        Dname = GetRrset(RecordType.DNAME);
    }

    /// <summary>A copy with other RRsets and the same flags, for a new snapshot (the published node never changes).</summary>
    internal ZoneNode With(Rrset[] rrsets)
    {
        var copy = new ZoneNode(Name, [])
        {
            IsApex = IsApex,
            IsOccluded = IsOccluded,
            WildcardChild = WildcardChild,
            ChildCount = ChildCount,
        };
        copy.SetRrsets(rrsets);
        copy.IsDelegation = !copy.IsApex && copy.TryGetRrset(RecordType.NS, out _);
        return copy;
    }

    private void Store(Rrset[] rrsets)
    {
        _single = rrsets.Length == 1 ? rrsets[0] : null;
        _rrsets = rrsets.Length == 1 ? null : rrsets;
    }

    public override string ToString() => $"{Name} ({Rrsets.Length} RRsets)";
}
