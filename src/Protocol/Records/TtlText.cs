using System.Globalization;

namespace SplitDns.Protocol.Records;

/// <summary>TTL text: plain seconds or BIND-style units ("1h30m", "2W", "1d12h"); "1h30" is refused as BIND does.</summary>
public static class TtlText
{
    public static bool TryParse(ReadOnlySpan<char> text, out uint seconds)
    {
        seconds = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return true;
        }

        ulong total = 0;
        ulong current = 0;
        bool haveDigits = false;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                current = (current * 10) + (ulong)(c - '0');
                haveDigits = true;
                if (current > uint.MaxValue)
                {
                    return false;
                }

                continue;
            }

            ulong unit = char.ToLowerInvariant(c) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => 0,
            };
            if (unit == 0 || !haveDigits)
            {
                return false;
            }

            total += current * unit;
            current = 0;
            haveDigits = false;
        }

        if (haveDigits)
        {
            // BIND (dns_ttl_fromtext) rejects bare digits after a unit ("1h30"): every number
            // but a lone one needs its unit, so "1h30" is an error rather than a guess.
            return false;
        }

        if (total > uint.MaxValue)
        {
            return false;
        }

        seconds = (uint)total;
        return true;
    }
}
