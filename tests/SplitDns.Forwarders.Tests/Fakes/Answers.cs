using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Forwarders.Tests.Fakes;

/// <summary>Canned upstream answers built from a received query.</summary>
public static class Answers
{
    public static DnsMessage A(DnsMessage query, string address, uint ttl = 300)
    {
        DnsMessage response = Response(query, DnsRcode.NoError);
        DnsQuestion q = query.Questions[0];
        response.Answers.Add(new ResourceRecord(q.Name, ttl, new ARdata(System.Net.IPAddress.Parse(address))));
        return response;
    }

    public static DnsMessage Aaaa(DnsMessage query, string address, uint ttl = 300)
    {
        DnsMessage response = Response(query, DnsRcode.NoError);
        DnsQuestion q = query.Questions[0];
        response.Answers.Add(new ResourceRecord(q.Name, ttl, new AaaaRdata(System.Net.IPAddress.Parse(address))));
        return response;
    }

    /// <summary>Many A records, to exceed a UDP payload.</summary>
    public static DnsMessage ManyA(DnsMessage query, int count, uint ttl = 300)
    {
        DnsMessage response = Response(query, DnsRcode.NoError);
        DnsQuestion q = query.Questions[0];
        for (int i = 0; i < count; i++)
        {
            response.Answers.Add(new ResourceRecord(q.Name, ttl, new ARdata(new System.Net.IPAddress([10, 0, (byte)(i / 256), (byte)i]))));
        }

        return response;
    }

    public static DnsMessage Negative(DnsMessage query, DnsRcode rcode, uint soaTtl, uint minimum)
    {
        DnsMessage response = Response(query, rcode);
        DnsName zone = DnsName.Parse("example.");
        response.Authority.Add(new ResourceRecord(zone, soaTtl, new SoaRdata(
            DnsName.Parse("ns.example."), DnsName.Parse("hostmaster.example."), 1, 3600, 600, 86400, minimum)));
        return response;
    }

    public static DnsMessage Rcode(DnsMessage query, DnsRcode rcode) => Response(query, rcode);

    public static DnsMessage Response(DnsMessage query, DnsRcode rcode)
    {
        DnsMessage response = query.CreateResponse();
        response.Header.RecursionAvailable = true;
        response.Rcode = rcode;
        if (query.Edns is not null)
        {
            response.Edns = new Protocol.Edns.EdnsRecord { UdpPayloadSize = 1232, DnssecOk = query.Edns.DnssecOk };
        }

        return response;
    }
}
