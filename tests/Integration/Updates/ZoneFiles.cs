using System.Text;

namespace SplitDns.Integration.Tests.Updates;

internal static class ZoneFiles
{
    public const string Small = """
        $ORIGIN example.com.
        $TTL 3600
        @    IN SOA ns1 hostmaster 100 7200 900 1209600 300
        @    IN NS ns1
        @    IN NS ns2
        ns1  IN A 127.0.0.1
        ns2  IN A 127.0.0.2
        www  IN A 192.0.2.80
        alias IN CNAME www
        """;

    /// <summary>The small zone plus <paramref name="hosts"/> A records (for multi-message AXFR).</summary>
    public static string WithHosts(int hosts)
    {
        var sb = new StringBuilder(Small).AppendLine();
        for (int i = 0; i < hosts; i++)
        {
            sb.Append("host").Append(i).Append(" 300 IN A 10.").Append(i / 65536 % 256).Append('.')
              .Append(i / 256 % 256).Append('.').Append(i % 256).AppendLine();
        }

        return sb.ToString();
    }
}
