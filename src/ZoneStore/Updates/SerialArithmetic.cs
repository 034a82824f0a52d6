namespace SplitDns.ZoneStore.Updates;

/// <summary>SOA serial arithmetic (RFC 1982 §3, SERIAL_BITS = 32).</summary>
public static class SerialArithmetic
{
    /// <summary>Largest step RFC 1982 §3.1 allows in one addition (2^31 - 1).</summary>
    public const uint MaxIncrement = int.MaxValue;

    /// <summary>True when <paramref name="a"/> is newer than <paramref name="b"/> (s1 &gt; s2, RFC 1982 §3.2).</summary>
    public static bool IsNewer(uint a, uint b) => a != b && (int)(a - b) > 0;

    /// <summary>Adds 1..2^31-1 modulo 2^32 (RFC 1982 §3.1).</summary>
    public static uint Add(uint serial, uint increment)
    {
        if (increment is 0 or > MaxIncrement)
        {
            throw new ArgumentOutOfRangeException(nameof(increment), "RFC 1982 allows 1..2^31-1");
        }

        return unchecked(serial + increment);
    }

    /// <summary>
    /// The next serial after <paramref name="current"/>: <c>current + increment</c>, or in unixtime
    /// style the current time when that is newer (BIND's serial-update-method unixtime).
    /// Zero is skipped because some secondaries treat serial 0 as "unset".
    /// </summary>
    public static uint Next(uint current, SerialStyle style, uint increment, DateTimeOffset now)
    {
        uint next = Add(current, increment);
        if (style == SerialStyle.UnixTime)
        {
            uint unix = unchecked((uint)now.ToUnixTimeSeconds());
            if (IsNewer(unix, current))
            {
                next = unix;
            }
        }

        return next == 0 ? 1 : next;
    }
}
