namespace SplitDns.ZoneStore.Updates;

/// <summary>Serial policy for effective updates (RFC 2136 §3.6).</summary>
public sealed record UpdateSettings(SerialStyle SerialStyle = SerialStyle.Increment, uint SerialIncrement = 1);
