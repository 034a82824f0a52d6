using System.Globalization;

namespace SplitDns.Protocol.Records;

/// <summary>
/// RRSIG inception/expiration text (RFC 4034 §3.2): YYYYMMDDHHmmSS in UTC, or the plain
/// number of seconds since 1970 (the 32-bit field value).
/// </summary>
internal static class SignatureTime
{
    private const string Format = "yyyyMMddHHmmss";

    public static string ToText(uint seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out uint seconds)
    {
        seconds = 0;
        if (text.Length == 14)
        {
            // RFC 4034 §3.2: a 14-digit field is always a date, never a number of seconds.
            if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime when))
            {
                return false;
            }

            double total = (when - DateTime.UnixEpoch).TotalSeconds;
            if (total < 0 || total > uint.MaxValue)
            {
                return false;
            }

            seconds = (uint)total;
            return true;
        }

        return text.Length > 0 && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }
}
