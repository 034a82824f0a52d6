namespace SplitDns.Protocol.Wire;

/// <summary>Message sections (in UPDATE: zone, prerequisite, update, additional; RFC 2136 §2).</summary>
public enum DnsSection
{
    Question = 0,
    Answer = 1,
    Authority = 2,
    Additional = 3,
}
