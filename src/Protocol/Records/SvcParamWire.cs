using System.Buffers.Binary;
using System.Globalization;

namespace SplitDns.Protocol.Records;

/// <summary>
/// Wire-format rules for SvcParams (RFC 9460 §7, §8). A value that breaks them makes the RR
/// malformed: it could not be shown in presentation form and read back.
/// </summary>
internal static class SvcParamWire
{
    /// <summary>Checks one value; returns why it is malformed, or null.</summary>
    public static string? ValidateValue(SvcParamKey key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case SvcParamKey.Mandatory:
                if (value.IsEmpty || value.Length % 2 != 0)
                {
                    return "mandatory must be a non-empty list of 2-octet keys";
                }

                int last = -1;
                for (int i = 0; i < value.Length; i += 2)
                {
                    int k = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
                    if (k == (int)SvcParamKey.Mandatory)
                    {
                        return "mandatory must not list itself";
                    }

                    if (k <= last)
                    {
                        return "mandatory keys must be strictly increasing";
                    }

                    last = k;
                }

                return null;
            case SvcParamKey.Alpn:
                return ValidateAlpn(value);
            case SvcParamKey.NoDefaultAlpn:
                return value.IsEmpty ? null : "no-default-alpn must have an empty value";
            case SvcParamKey.Port:
                return value.Length == 2 ? null : "port must be 2 octets";
            case SvcParamKey.Ipv4Hint:
                return !value.IsEmpty && value.Length % 4 == 0 ? null : "ipv4hint must be a non-empty list of IPv4 addresses";
            case SvcParamKey.Ipv6Hint:
                return !value.IsEmpty && value.Length % 16 == 0 ? null : "ipv6hint must be a non-empty list of IPv6 addresses";
            default:
                return null;
        }
    }

    /// <summary>Checks the whole set (sorted by key): strictly increasing keys, mandatory keys present (RFC 9460 §8).</summary>
    public static string? ValidateSet(ReadOnlySpan<SvcParam> sorted)
    {
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].Key <= sorted[i - 1].Key)
            {
                return $"SvcParamKey {KeyName(sorted[i].Key)} repeated or out of order";
            }

            string? error = ValidateValue(sorted[i].Key, sorted[i].Value);
            if (error is not null)
            {
                return error;
            }
        }

        if (sorted.Length > 0 && sorted[0].Key == SvcParamKey.Mandatory)
        {
            ReadOnlySpan<byte> list = sorted[0].Value;
            for (int i = 0; i < list.Length; i += 2)
            {
                var needed = (SvcParamKey)BinaryPrimitives.ReadUInt16BigEndian(list[i..]);
                if (!Contains(sorted, needed))
                {
                    return $"mandatory lists {KeyName(needed)}, which is not present";
                }
            }
        }

        return null;
    }

    public static string KeyName(SvcParamKey key) => key switch
    {
        SvcParamKey.Mandatory => "mandatory",
        SvcParamKey.Alpn => "alpn",
        SvcParamKey.NoDefaultAlpn => "no-default-alpn",
        SvcParamKey.Port => "port",
        SvcParamKey.Ipv4Hint => "ipv4hint",
        SvcParamKey.Ech => "ech",
        SvcParamKey.Ipv6Hint => "ipv6hint",
        SvcParamKey.DohPath => "dohpath",
        SvcParamKey.Ohttp => "ohttp",
        _ => "key" + ((ushort)key).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A registered key name or "keyNNNNN" (RFC 9460 §2.1), case-insensitively.</summary>
    public static bool TryParseKey(string text, out SvcParamKey key)
    {
        for (ushort k = 0; k <= (ushort)SvcParamKey.Ohttp; k++)
        {
            if (text.Equals(KeyName((SvcParamKey)k), StringComparison.OrdinalIgnoreCase))
            {
                key = (SvcParamKey)k;
                return true;
            }
        }

        if (text.Length is > 3 and <= 8 && text.StartsWith("key", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out ushort code))
        {
            key = (SvcParamKey)code;
            return true;
        }

        key = default;
        return false;
    }

    private static string? ValidateAlpn(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return "alpn must list at least one protocol";
        }

        int i = 0;
        while (i < value.Length)
        {
            int len = value[i];
            if (len == 0 || i + 1 + len > value.Length)
            {
                return "alpn protocol ids must be non-empty character-strings filling the value";
            }

            i += len + 1;
        }

        return null;
    }

    private static bool Contains(ReadOnlySpan<SvcParam> sorted, SvcParamKey key)
    {
        foreach (SvcParam p in sorted)
        {
            if (p.Key == key)
            {
                return true;
            }
        }

        return false;
    }
}
