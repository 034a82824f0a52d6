namespace SplitDns.ZoneStore.Updates;

/// <summary>What happened to one update RR (logged per RR). Persisted in logs: never renumber.</summary>
public enum RrOutcomeKind
{
    Added = 0,
    Deleted = 1,

    /// <summary>An add of an RR already present (RFC 2136 §3.4.2.2: silently ignored).</summary>
    Duplicate = 2,

    /// <summary>A delete that matched nothing (silently ignored).</summary>
    NotPresent = 3,

    /// <summary>A non-CNAME add at a CNAME, or a CNAME add at a name with other data (§3.4.2.2).</summary>
    IgnoredCnameConflict = 4,

    /// <summary>A delete of the apex SOA, the apex NS RRset or the last apex NS (§3.4.2.3-4).</summary>
    IgnoredProtected = 5,

    /// <summary>An SOA add whose serial is older than the zone's, or an SOA outside the apex (§3.4.2.2).</summary>
    IgnoredSoa = 6,

    /// <summary>The apex SOA was replaced by an explicit SOA add.</summary>
    SoaReplaced = 7,

    /// <summary>A CNAME add that replaced the existing CNAME.</summary>
    Replaced = 8,
}
