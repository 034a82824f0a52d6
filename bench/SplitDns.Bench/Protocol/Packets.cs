using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Bench.Protocol;

/// <summary>Canned packets for the protocol benchmarks.</summary>
public static class Packets
{
    /// <summary>dig 9.18 "example.com AAAA +dnssec +cookie +nsid", captured on loopback.</summary>
    public static readonly byte[] DigQuery = Convert.FromHexString(
        "68d001200001000000000001076578616d706c6503636f6d00001c000100002904d000008000001000030000000a0008a0316bcb8504be1f");

    /// <summary>
    /// The typical home-network answer: a name published by external-dns as a CNAME to the
    /// internal gateway, its A record, the zone's NS in authority, glue, and OPT.
    /// </summary>
    public static DnsMessage TypicalAnswer()
    {
        var m = new DnsMessage();
        m.Header.Id = 0x68d0;
        m.Header.IsResponse = true;
        m.Header.AuthoritativeAnswer = true;
        m.Header.RecursionDesired = true;
        m.Questions.Add(new DnsQuestion(DnsName.Parse("grafana.example.com."), RecordType.A));
        m.Answers.Add(new ResourceRecord(DnsName.Parse("grafana.example.com."), 300, new CnameRdata(DnsName.Parse("internal.example.com."))));
        m.Answers.Add(new ResourceRecord(DnsName.Parse("internal.example.com."), 300, new ARdata(System.Net.IPAddress.Parse("192.168.1.72"))));
        m.Authority.Add(new ResourceRecord(DnsName.Parse("example.com."), 3600, new NsRdata(DnsName.Parse("ns1.example.com."))));
        m.Additional.Add(new ResourceRecord(DnsName.Parse("ns1.example.com."), 3600, new ARdata(System.Net.IPAddress.Parse("192.168.1.71"))));
        m.Edns = new EdnsRecord { UdpPayloadSize = 1232 };
        return m;
    }

    /// <summary>The typical answer encoded (with compression).</summary>
    public static readonly byte[] TypicalAnswerWire = TypicalAnswer().ToArray();
}
