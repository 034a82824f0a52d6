namespace SplitDns.Protocol.Records;

/// <summary>RR CLASS values. NONE and ANY carry meaning in UPDATE (RFC 2136 §2.4, §2.5).</summary>
public enum DnsClass : ushort
{
    IN = 1,
    CH = 3,
    HS = 4,
    None = 254,
    Any = 255,
}
