namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// What an authoritative lookup found (Knot/NSD style): the caller turns it into a message.
/// Values are stable (metrics, tests).
/// </summary>
public enum LookupOutcome
{
    /// <summary>The node (or a wildcard standing in for it) has an RRset of the asked type (or the type is ANY).</summary>
    Hit = 1,

    /// <summary>The name exists (possibly as an empty non-terminal or by wildcard) but has no RRset of that type.</summary>
    NoData = 2,

    /// <summary>The name does not exist and no wildcard covers it (RFC 1034 §4.3.2 step 3.c).</summary>
    NxDomain = 3,

    /// <summary>The name is at or below a zone cut: answer with the NS RRset of the cut, no AA.</summary>
    Referral = 4,

    /// <summary>The node has a CNAME and the asked type is not CNAME: restart with the target.</summary>
    Cname = 5,

    /// <summary>An ancestor of the name holds a DNAME (RFC 6672 §2.3): synthesize a CNAME.</summary>
    Dname = 6,
}
