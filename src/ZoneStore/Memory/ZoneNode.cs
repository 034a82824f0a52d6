using System.Runtime.CompilerServices;
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
    private const byte ApexFlag = 1;
    private const byte DelegationFlag = 2;
    private const byte OccludedFlag = 4;
    private const byte CnameFlag = 8;
    private const byte DnameFlag = 16;

    // 56 bytes per node, the most numerous object of a large zone: one RRset (most names) is
    // held as itself, more (or none) as an array, in one field; the flags are one byte, and
    // Cname / Dname are found by a scan when their flag says they exist.
    private object _rrsets;
    private byte _flags;

    internal ZoneNode(DnsName name, Rrset[] rrsets)
    {
        Name = name;
        _rrsets = Store(rrsets);
    }

    public DnsName Name { get; }

    public ReadOnlySpan<Rrset> Rrsets => _rrsets is Rrset[] array
        ? array
        : new ReadOnlySpan<Rrset>(in Unsafe.As<object, Rrset>(ref _rrsets));

    /// <summary>True when the node owns no RRset (RFC 4592 §2.2.2 empty non-terminal).</summary>
    public bool IsEmptyNonTerminal => _rrsets is Rrset[] { Length: 0 };

    public bool IsApex { get => Has(ApexFlag); internal set => Set(ApexFlag, value); }

    /// <summary>NS records below the apex: a zone cut (RFC 1034 §4.2.1).</summary>
    public bool IsDelegation { get => Has(DelegationFlag); internal set => Set(DelegationFlag, value); }

    /// <summary>Below a zone cut or a DNAME: not authoritative data (glue, or occluded, RFC 6672 §2.4).</summary>
    public bool IsOccluded { get => Has(OccludedFlag); internal set => Set(OccludedFlag, value); }

    /// <summary>The node "*.&lt;this name&gt;" when it exists (RFC 4592 §2.1.1), else null.</summary>
    public ZoneNode? WildcardChild { get; internal set; }

    public Rrset? Cname => Has(CnameFlag) ? GetRrset(RecordType.CNAME) : null;

    public Rrset? Dname => Has(DnameFlag) ? GetRrset(RecordType.DNAME) : null;

    /// <summary>Direct children in the snapshot (empty non-terminals included); an incremental build drops an empty non-terminal at 0.</summary>
    internal int ChildCount { get; set; }

    /// <summary>True when the node redirects everything below it (a cut below the apex, or a DNAME).</summary>
    internal bool RedirectsBelow => (_flags & (DelegationFlag | DnameFlag)) != 0;

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
        _rrsets = Store(rrsets);
        bool cname = false;
        bool dname = false;
        foreach (Rrset set in rrsets)
        {
            cname |= set.Type == RecordType.CNAME;
            dname |= set.Type == RecordType.DNAME;
        }

        Set(CnameFlag, cname);
        Set(DnameFlag, dname);
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

    private static object Store(Rrset[] rrsets) => rrsets.Length == 1 ? rrsets[0] : rrsets;

    private bool Has(byte flag) => (_flags & flag) != 0;

    private void Set(byte flag, bool value) => _flags = value ? (byte)(_flags | flag) : (byte)(_flags & ~flag);

    public override string ToString() => $"{Name} ({Rrsets.Length} RRsets)";
}
