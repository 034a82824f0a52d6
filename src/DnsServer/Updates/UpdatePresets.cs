using SplitDns.Protocol.Records;

namespace SplitDns.Server.Updates;

/// <summary>Ready-made update grants ("Preset" in a zone's "Updates" entry).</summary>
public static class UpdatePresets
{
    /// <summary>
    /// Everything kubernetes external-dns (rfc2136 provider) writes: the zone and every name
    /// below it, its record types and the TXT ownership records, plus AXFR with the same key
    /// (without AXFR external-dns never deletes anything).
    /// </summary>
    public const string ExternalDns = "external-dns";

    public static readonly IReadOnlyList<RecordType> ExternalDnsTypes =
    [
        RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.TXT, RecordType.PTR, RecordType.NS,
        RecordType.DNAME, RecordType.MX, RecordType.SRV, RecordType.NAPTR,
    ];

    public static readonly IReadOnlyList<string> ExternalDnsNames = ["**"];
}
