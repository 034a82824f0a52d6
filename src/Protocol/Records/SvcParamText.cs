using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SplitDns.Protocol.Records;

/// <summary>
/// Presentation form of SvcParams (RFC 9460 §2.1, §7, Appendix A). Output follows BIND:
/// alpn and opaque keyNNNNN values quoted, the others bare.
/// </summary>
internal static class SvcParamText
{
    /// <summary>Reads one "key", "key=value", "key=\"value\"" or "key=" followed by a quoted token.</summary>
    public static SvcParam Read(RdataTextReader text)
    {
        RdataToken token = text.Next("SvcParam");
        if (token.Quoted)
        {
            throw text.Error($"SvcParam must start with a key, not \"{token.Text}\"");
        }

        int eq = token.Text.IndexOf('=', StringComparison.Ordinal);
        string keyText = eq < 0 ? token.Text : token.Text[..eq];
        if (!SvcParamWire.TryParseKey(keyText, out SvcParamKey key))
        {
            throw text.Error($"unknown SvcParamKey '{keyText}'");
        }

        string? raw = eq < 0 ? null : token.Text[(eq + 1)..];
        if (raw is { Length: 0 } && text.Peek() is { Quoted: true } quoted)
        {
            // "key=" then a separate quoted token, as a generic zone tokenizer splits key="v".
            text.Next("SvcParamValue");
            raw = quoted.Text;
        }
        else if (raw is { Length: > 0 } && raw[0] == '"')
        {
            if (raw.Length < 2 || raw[^1] != '"')
            {
                throw text.Error($"unterminated quoted value of {keyText}");
            }

            raw = raw[1..^1];
        }

        byte[]? value = raw is null ? null : RdataTextReader.DecodeEscapes(raw);
        if (value is { Length: > ushort.MaxValue })
        {
            throw text.Error($"value of {keyText} longer than 65535 octets");
        }

        try
        {
            return new SvcParam(key, ToWire(key, value));
        }
        catch (FormatException e)
        {
            throw text.Error($"invalid value of {SvcParamWire.KeyName(key)}: {e.Message}");
        }
    }

    public static void Append(StringBuilder sb, SvcParam param)
    {
        SvcParamKey key = param.Key;
        ReadOnlySpan<byte> value = param.Value;
        sb.Append(SvcParamWire.KeyName(key));
        switch (key)
        {
            case SvcParamKey.Mandatory:
                sb.Append('=');
                for (int i = 0; i < value.Length; i += 2)
                {
                    sb.Append(i > 0 ? "," : string.Empty).Append(SvcParamWire.KeyName((SvcParamKey)BinaryPrimitives.ReadUInt16BigEndian(value[i..])));
                }

                break;
            case SvcParamKey.Alpn:
                sb.Append('=');
                RdataTextReader.AppendQuoted(sb, EncodeAlpnList(value));
                break;
            case SvcParamKey.NoDefaultAlpn:
                break;
            case SvcParamKey.Port:
                sb.Append('=').Append(BinaryPrimitives.ReadUInt16BigEndian(value).ToString(CultureInfo.InvariantCulture));
                break;
            case SvcParamKey.Ipv4Hint or SvcParamKey.Ipv6Hint:
                int size = key == SvcParamKey.Ipv4Hint ? 4 : 16;
                sb.Append('=');
                for (int i = 0; i < value.Length; i += size)
                {
                    sb.Append(i > 0 ? "," : string.Empty).Append(new IPAddress(value.Slice(i, size)).ToString());
                }

                break;
            case SvcParamKey.Ech:
                sb.Append('=').Append(Convert.ToBase64String(value));
                break;
            default:
                if (!value.IsEmpty)
                {
                    sb.Append('=');
                    RdataTextReader.AppendQuoted(sb, value);
                }

                break;
        }
    }

    private static byte[] ToWire(SvcParamKey key, byte[]? value)
    {
        if (value is null && key is not (SvcParamKey.NoDefaultAlpn or > SvcParamKey.Ipv6Hint))
        {
            throw new FormatException("a value is required");
        }

        value ??= [];
        string text = Encoding.Latin1.GetString(value);
        return key switch
        {
            SvcParamKey.Mandatory => ParseMandatory(text),
            SvcParamKey.Alpn => ParseAlpn(value),
            SvcParamKey.NoDefaultAlpn => value.Length == 0 ? value : throw new FormatException("no value is allowed"),
            SvcParamKey.Port => ParsePort(text),
            SvcParamKey.Ipv4Hint => ParseAddresses(text, AddressFamily.InterNetwork),
            SvcParamKey.Ipv6Hint => ParseAddresses(text, AddressFamily.InterNetworkV6),
            SvcParamKey.Ech => Convert.FromBase64String(text),
            _ => value,
        };
    }

    private static byte[] ParseMandatory(string text)
    {
        var keys = new SortedSet<ushort>();
        foreach (string part in text.Split(','))
        {
            if (!SvcParamWire.TryParseKey(part, out SvcParamKey k))
            {
                throw new FormatException($"unknown key '{part}'");
            }

            if (k == SvcParamKey.Mandatory || !keys.Add((ushort)k))
            {
                throw new FormatException($"'{part}' may not be listed (self or repeated)");
            }
        }

        byte[] wire = new byte[keys.Count * 2];
        int n = 0;
        foreach (ushort k in keys)
        {
            BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(n), k);
            n += 2;
        }

        return wire;
    }

    private static byte[] ParsePort(string text) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port)
            ? [(byte)(port >> 8), (byte)port]
            : throw new FormatException($"'{text}' is not a port number");

    private static byte[] ParseAddresses(string text, AddressFamily family)
    {
        var wire = new List<byte>();
        foreach (string part in text.Split(','))
        {
            bool ok = IPAddress.TryParse(part, out IPAddress? ip) && ip.AddressFamily == family
                && (family != AddressFamily.InterNetwork || part.AsSpan().Count('.') == 3)
                && (family != AddressFamily.InterNetworkV6 || (ip.ScopeId == 0 && !part.Contains('%', StringComparison.Ordinal)));
            if (!ok)
            {
                throw new FormatException($"'{part}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
            }

            wire.AddRange(ip!.GetAddressBytes());
        }

        return [.. wire];
    }

    /// <summary>RFC 9460 Appendix A.1: a comma-separated list where "\," and "\\" escape within an item.</summary>
    private static byte[] ParseAlpn(byte[] value)
    {
        var wire = new List<byte>();
        var item = new List<byte>();
        for (int i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == (byte)',')
            {
                if (item.Count is 0 or > 255)
                {
                    throw new FormatException("alpn protocol ids must be 1..255 octets");
                }

                wire.Add((byte)item.Count);
                wire.AddRange(item);
                item.Clear();
                continue;
            }

            if (value[i] == (byte)'\\' && i + 1 < value.Length)
            {
                i++;
            }

            item.Add(value[i]);
        }

        return [.. wire];
    }

    /// <summary>Inverse of <see cref="ParseAlpn"/>: ids joined by ',' with ',' and '\' escaped.</summary>
    private static byte[] EncodeAlpnList(ReadOnlySpan<byte> wire)
    {
        var list = new List<byte>(wire.Length + 8);
        int i = 0;
        while (i < wire.Length)
        {
            int len = wire[i];
            if (i > 0)
            {
                list.Add((byte)',');
            }

            foreach (byte b in wire.Slice(i + 1, len))
            {
                if (b is (byte)',' or (byte)'\\')
                {
                    list.Add((byte)'\\');
                }

                list.Add(b);
            }

            i += len + 1;
        }

        return [.. list];
    }
}
