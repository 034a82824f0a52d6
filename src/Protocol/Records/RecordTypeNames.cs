using System.Globalization;

namespace SplitDns.Protocol.Records;

/// <summary>Mnemonic ↔ code for types and classes, with the RFC 3597 TYPEnnn / CLASSnnn forms.</summary>
public static class RecordTypeNames
{
    private static readonly Dictionary<string, RecordType> s_byName = BuildNames();

    public static string ToText(RecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out RecordType type)
    {
        if (text.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out ushort code))
        {
            type = (RecordType)code;
            return true;
        }

        return s_byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out type);
    }

    public static string ClassToText(DnsClass cls) => cls switch
    {
        DnsClass.IN => "IN",
        DnsClass.CH => "CH",
        DnsClass.HS => "HS",
        DnsClass.None => "NONE",
        DnsClass.Any => "ANY",
        _ => "CLASS" + ((ushort)cls).ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParseClass(ReadOnlySpan<char> text, out DnsClass cls)
    {
        if (text.Equals("IN", StringComparison.OrdinalIgnoreCase)) { cls = DnsClass.IN; return true; }
        if (text.Equals("CH", StringComparison.OrdinalIgnoreCase) || text.Equals("CHAOS", StringComparison.OrdinalIgnoreCase)) { cls = DnsClass.CH; return true; }
        if (text.Equals("HS", StringComparison.OrdinalIgnoreCase)) { cls = DnsClass.HS; return true; }
        if (text.Equals("NONE", StringComparison.OrdinalIgnoreCase)) { cls = DnsClass.None; return true; }
        if (text.Equals("ANY", StringComparison.OrdinalIgnoreCase)) { cls = DnsClass.Any; return true; }
        if (text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out ushort code))
        {
            cls = (DnsClass)code;
            return true;
        }

        cls = default;
        return false;
    }

    private static Dictionary<string, RecordType> BuildNames()
    {
        var map = new Dictionary<string, RecordType>(StringComparer.OrdinalIgnoreCase);
        foreach (RecordType t in Enum.GetValues<RecordType>())
        {
            map[t.ToString()] = t;
        }

        return map;
    }
}
