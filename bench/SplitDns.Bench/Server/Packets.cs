using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Bench.Server;

/// <summary>Canned query packets (built once with the real writer, as dig would send them).</summary>
internal static class Packets
{
    public const string Zone = """
        $ORIGIN bench.test.
        $TTL 300
        @        SOA  ns hostmaster 1 3600 900 604800 60
        @        NS   ns
        ns       A    192.0.2.53
        www      A    192.0.2.80
        alias    CNAME www
        *.wild   A    192.0.2.58
        mail     MX   10 mx
        mx       A    192.0.2.25
        """;

    public static readonly byte[] HitA = Build("www.bench.test.", RecordType.A);
    public static readonly byte[] Wildcard = Build("Anything.Wild.bench.test.", RecordType.A);
    public static readonly byte[] Cname = Build("alias.bench.test.", RecordType.A);
    public static readonly byte[] NxDomain = Build("missing.bench.test.", RecordType.A);
    public static readonly byte[] MxWithAdditional = Build("mail.bench.test.", RecordType.MX);
    public static readonly byte[] Refused = Build("www.example.org.", RecordType.A);

    private static byte[] Build(string name, RecordType type)
    {
        var q = new DnsMessage();
        q.Header.Id = 0x2a2a;
        q.Questions.Add(new DnsQuestion(DnsName.Parse(name), type));
        q.Edns = new EdnsRecord { UdpPayloadSize = 1232 };
        return q.ToArray();
    }
}
