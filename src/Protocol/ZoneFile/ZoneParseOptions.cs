using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>Knobs of <see cref="ZoneFileReader"/>. The defaults match what BIND accepts.</summary>
public sealed class ZoneParseOptions
{
    public static ZoneParseOptions Default { get; } = new();

    /// <summary>The zone's class: records that name another class are errors (as in BIND).</summary>
    public DnsClass Class { get; init; } = DnsClass.IN;

    /// <summary>
    /// TTL for records that have none when neither $TTL nor an earlier TTL nor an SOA supplies
    /// one. Null (the default) makes such a record an error, as RFC 2308 §4 and BIND do.
    /// </summary>
    public uint? DefaultTtl { get; init; }

    /// <summary>Whether $INCLUDE is honoured. Off for files from untrusted sources.</summary>
    public bool AllowInclude { get; init; } = true;

    /// <summary>How deep $INCLUDE may nest (the top file is depth 0).</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    /// <summary>Stop after this many errors so a garbage file cannot fill memory with them.</summary>
    public int MaxErrors { get; init; } = 1000;
}
