using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Listeners.Doh;

namespace SplitDns.Server.Tests.Listeners.Doh;

/// <summary>cache-control max-age of a DoH answer (RFC 8484 §5.1, negative TTL per RFC 2308 §5).</summary>
public class DohFreshnessTests
{
    private static readonly DnsName s_name = DnsName.Parse("www.example.com.");

    private static DnsMessage Response(DnsRcode rcode)
    {
        var m = new DnsMessage();
        m.Header.Id = 0;
        m.Header.IsResponse = true;
        m.Questions.Add(new DnsQuestion(s_name, RecordType.A, DnsClass.IN));
        m.Rcode = rcode;
        return m;
    }

    private static ResourceRecord A(uint ttl) => new(s_name, ttl, new ARdata(IPAddress.Parse("192.0.2.1")));

    private static ResourceRecord Soa(uint ttl, uint minimum) => new(DnsName.Parse("example.com."), ttl,
        new SoaRdata(DnsName.Parse("ns.example.com."), DnsName.Parse("hostmaster.example.com."), 1, 3600, 600, 604800, minimum));

    [Fact]
    public void MaxAge_Answers_SmallestTtl()
    {
        DnsMessage m = Response(DnsRcode.NoError);
        m.Answers.Add(new ResourceRecord(s_name, 900, new CnameRdata(DnsName.Parse("target.example.com."))));
        m.Answers.Add(A(60));
        m.Authority.Add(Soa(5, 5));

        Assert.Equal(60u, DohFreshness.MaxAge(m.ToArray()));
    }

    [Theory]
    [InlineData(DnsRcode.NxDomain, 3600u, 45u, 45u)]
    [InlineData(DnsRcode.NxDomain, 30u, 300u, 30u)]
    [InlineData(DnsRcode.NoError, 3600u, 45u, 45u)]
    public void MaxAge_Negative_SoaMinOfTtlAndMinimum(DnsRcode rcode, uint ttl, uint minimum, uint expected)
    {
        DnsMessage m = Response(rcode);
        m.Authority.Add(Soa(ttl, minimum));

        Assert.Equal(expected, DohFreshness.MaxAge(m.ToArray()));
    }

    [Fact]
    public void MaxAge_CnameToNxDomain_NoLongerThanCname()
    {
        DnsMessage m = Response(DnsRcode.NxDomain);
        m.Answers.Add(new ResourceRecord(s_name, 20, new CnameRdata(DnsName.Parse("gone.example.com."))));
        m.Authority.Add(Soa(3600, 300));

        Assert.Equal(20u, DohFreshness.MaxAge(m.ToArray()));
    }

    [Theory]
    [InlineData(DnsRcode.ServFail)]
    [InlineData(DnsRcode.Refused)]
    [InlineData(DnsRcode.FormErr)]
    public void MaxAge_Errors_Zero(DnsRcode rcode)
    {
        DnsMessage m = Response(rcode);
        m.Answers.Add(A(300));

        Assert.Equal(0u, DohFreshness.MaxAge(m.ToArray()));
    }

    [Fact]
    public void MaxAge_NegativeWithoutSoa_Zero() => Assert.Equal(0u, DohFreshness.MaxAge(Response(DnsRcode.NxDomain).ToArray()));

    [Theory]
    [InlineData("")]
    [InlineData("0000")]
    [InlineData("000081000001000100000000c0")]
    public void MaxAge_Truncated_Zero(string hex) => Assert.Equal(0u, DohFreshness.MaxAge(Convert.FromHexString(hex)));
}
