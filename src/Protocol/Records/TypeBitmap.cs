using System.Text;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// The type bit maps field of NSEC and NSEC3 (RFC 4034 §4.1.2, RFC 5155 §3.2.1): windows in
/// increasing order, each 1..32 octets with no trailing zero octet. Kept as a sorted, distinct
/// type array so equal sets always encode to equal bytes.
/// </summary>
internal static class TypeBitmap
{
    public static RecordType[] Read(ref DnsReader reader, int end)
    {
        var types = new List<RecordType>();
        int lastWindow = -1;
        while (reader.Position < end)
        {
            if (end - reader.Position < 2)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "type bitmap window header truncated");
            }

            int window = reader.ReadByte();
            int length = reader.ReadByte();
            if (window <= lastWindow)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "type bitmap windows out of order or repeated");
            }

            if (length is 0 or > 32)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "type bitmap window length must be 1..32");
            }

            if (end - reader.Position < length)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "type bitmap window runs past the RDATA");
            }

            ReadOnlySpan<byte> bits = reader.ReadBytes(length);
            if (bits[^1] == 0)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "type bitmap window has a trailing zero octet");
            }

            for (int i = 0; i < bits.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((bits[i] & (0x80 >> bit)) != 0)
                    {
                        types.Add((RecordType)((window << 8) | (i << 3) | bit));
                    }
                }
            }

            lastWindow = window;
        }

        return [.. types];
    }

    /// <summary>Sorts and removes duplicates so the set has one encoding.</summary>
    public static RecordType[] Normalize(IEnumerable<RecordType> types)
    {
        var set = new SortedSet<ushort>();
        foreach (RecordType t in types)
        {
            set.Add((ushort)t);
        }

        var result = new RecordType[set.Count];
        int n = 0;
        foreach (ushort t in set)
        {
            result[n++] = (RecordType)t;
        }

        return result;
    }

    /// <summary>Writes a sorted, distinct type list.</summary>
    public static bool TryWrite(ref DnsWriter writer, ReadOnlySpan<RecordType> types)
    {
        Span<byte> bits = stackalloc byte[32];
        int i = 0;
        while (i < types.Length)
        {
            int window = (ushort)types[i] >> 8;
            bits.Clear();
            int length = 0;
            for (; i < types.Length && (ushort)types[i] >> 8 == window; i++)
            {
                int low = (ushort)types[i] & 0xFF;
                bits[low >> 3] |= (byte)(0x80 >> (low & 7));
                length = (low >> 3) + 1;
            }

            if (!writer.TryWriteByte((byte)window) || !writer.TryWriteByte((byte)length) || !writer.TryWriteBytes(bits[..length]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads type mnemonics to the end of the RDATA (may be none).</summary>
    public static RecordType[] Parse(RdataTextReader text, string what)
    {
        var types = new List<RecordType>();
        while (!text.IsAtEnd)
        {
            types.Add(text.ReadRecordType(what));
        }

        return Normalize(types);
    }

    /// <summary>Appends " A MX RRSIG ..." (each type preceded by a space).</summary>
    public static void AppendPresentation(StringBuilder sb, ReadOnlySpan<RecordType> types)
    {
        foreach (RecordType t in types)
        {
            sb.Append(' ').Append(RecordTypeNames.ToText(t));
        }
    }
}
