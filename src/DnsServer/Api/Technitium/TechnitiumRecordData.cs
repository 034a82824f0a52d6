using System.Globalization;
using System.Text;

namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// Technitium's per-type record parameters (WebServiceZonesApi.cs) to zone-file RDATA, and RDATA
/// back to its <c>rData</c> objects, for A, AAAA, CNAME, NS, PTR, MX, TXT, SRV and CAA. Names in
/// values are absolute (Technitium writes them without the final dot).
/// </summary>
internal static class TechnitiumRecordData
{
    /// <summary>The RDATA for <paramref name="type"/> from the parameters; <paramref name="prefix"/> "new" reads newX (falling back to X).</summary>
    public static string Build(TechnitiumRequest r, string type, string prefix = "")
    {
        string Get(string name, string? alt = null)
        {
            string? v = prefix.Length > 0 ? r.Get(prefix + char.ToUpperInvariant(name[0]) + name[1..]) ?? (alt is null ? null : r.Get(prefix + "Value")) : null;
            v ??= alt is null ? r.Get(name) : r.GetAlt(name, alt);
            return string.IsNullOrEmpty(v) ? throw new TechnitiumException($"Parameter '{name}' missing.") : v.Trim();
        }

        return type switch
        {
            "A" or "AAAA" => Get("ipAddress", "value"),
            "CNAME" => Fqdn(Get("cname", "value")),
            "NS" => Fqdn(Get("nameServer", "value")),
            "PTR" => Fqdn(Get("ptrName", "value")),
            "MX" => Get("preference") + " " + Fqdn(Get("exchange", "value")),
            "TXT" => Txt(Get("text", "value"), r.Bool(prefix.Length > 0 && r.Get("newSplitText") is not null ? "newSplitText" : "splitText", false)),
            "SRV" => string.Join(' ', Get("priority"), Get("weight"), Get("port"), Fqdn(Get("target", "value"))),
            "CAA" => Get("flags") + " " + Get("tag") + " " + Quote(Get("value")),
            _ => throw new TechnitiumException($"Record type '{type}' is not supported here (A, AAAA, CNAME, NS, PTR, MX, TXT, SRV, CAA)."),
        };
    }

    /// <summary>Technitium's rData object for a record's presentation RDATA.</summary>
    public static object RData(string type, string data)
    {
        string[] f = data.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        return type switch
        {
            "A" or "AAAA" => new TechnitiumJson.AddressData(data),
            "CNAME" => new TechnitiumJson.CnameData(Bare(data)),
            "NS" => new TechnitiumJson.NsData(Bare(data)),
            "PTR" => new TechnitiumJson.PtrData(Bare(data)),
            "MX" when f.Length == 2 => new TechnitiumJson.MxData(Int(f[0]), Bare(f[1])),
            "SRV" when f.Length == 4 => new TechnitiumJson.SrvData(Int(f[0]), Int(f[1]), Int(f[2]), Bare(f[3])),
            "TXT" => TxtData(data),
            "CAA" when f.Length >= 3 => new TechnitiumJson.CaaData(Int(f[0]), f[1], Unquote(data.Split(' ', 3)[2])),
            _ => new TechnitiumJson.OtherData(type, data),
        };
    }

    private static TechnitiumJson.TxtData TxtData(string data)
    {
        List<string> strings = CharacterStrings(data);
        return new TechnitiumJson.TxtData(string.Join("", strings), strings.Count > 1, strings);
    }

    private static string Fqdn(string name) => name.EndsWith('.') ? name : name + ".";

    private static string Bare(string name) => name.Length > 1 ? name.TrimEnd('.') : name;

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>One character-string, or with splitText one per line (Technitium's splitText).</summary>
    private static string Txt(string text, bool split) =>
        split ? string.Join(' ', text.Split('\n').Select(s => Quote(s.TrimEnd('\r')))) : Quote(text);

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c is '"' or '\\')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        return b.Append('"').ToString();
    }

    private static string Unquote(string s) => CharacterStrings(s) is [var one] ? one : s;

    /// <summary>The quoted (or bare) character-strings of presentation TXT data, unescaped.</summary>
    private static List<string> CharacterStrings(string data)
    {
        var list = new List<string>();
        int i = 0;
        while (i < data.Length)
        {
            if (data[i] == ' ')
            {
                i++;
                continue;
            }

            var b = new StringBuilder();
            bool quoted = data[i] == '"';
            if (quoted)
            {
                i++;
            }

            for (; i < data.Length && (quoted ? data[i] != '"' : data[i] != ' '); i++)
            {
                if (data[i] == '\\' && i + 1 < data.Length)
                {
                    i++;
                }

                b.Append(data[i]);
            }

            i++;
            list.Add(b.ToString());
        }

        return list;
    }
}
