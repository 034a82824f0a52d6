namespace SplitDns.ZoneStore.Updates;

/// <summary>How the SOA serial advances after an effective update (RFC 2136 §3.6).</summary>
public enum SerialStyle
{
    /// <summary>Add a fixed increment (default 1).</summary>
    Increment = 0,

    /// <summary>Use the current Unix time when newer, else add the increment.</summary>
    UnixTime = 1,
}
