using System.Globalization;
using System.Text;

namespace SplitDns.Bench.Protocol;

/// <summary>Writes a synthetic zone of A, AAAA, CNAME, TXT and MX records, 20 % of each.</summary>
public static class ZoneFileGenerator
{
    public const string Origin = "bench.example.";

    public static void Write(string path, int records)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("$ORIGIN bench.example.\n$TTL 3600\n");
        writer.Write("@ IN SOA ns1 hostmaster ( 2024010101 ; serial\n    1h 15m 1w 5m )\n");
        writer.Write("  IN NS ns1\n  IN NS ns2.elsewhere.example.\n");
        var line = new StringBuilder(128);
        for (int i = 0; i < records; i++)
        {
            line.Clear();
            string host = "h" + i.ToString(CultureInfo.InvariantCulture);
            switch (i % 5)
            {
                case 0:
                    line.Append(host).Append(" IN A 10.").Append((i >> 16) & 255).Append('.').Append((i >> 8) & 255).Append('.').Append(i & 255);
                    break;
                case 1:
                    line.Append(host).Append(" 300 IN AAAA 2001:db8::").Append((i & 0xffff).ToString("x", CultureInfo.InvariantCulture));
                    break;
                case 2:
                    line.Append(host).Append(" CNAME h").Append(i - 2).Append(".bench.example.");
                    break;
                case 3:
                    line.Append(host).Append(" TXT \"heritage=external-dns,external-dns/owner=k8s\" \"id ").Append(i).Append('"');
                    break;
                default:
                    line.Append(host).Append(" MX 10 mail").Append(i % 100).Append(" ; comment");
                    break;
            }

            writer.Write(line.Append('\n'));
        }
    }
}
