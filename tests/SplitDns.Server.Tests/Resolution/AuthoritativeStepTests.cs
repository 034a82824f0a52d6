using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Tests.Resolution;

/// <summary>Resolution semantics in-process (STYLE rule 20): RFC 1034 §4.3.2, RFC 2308, RFC 4592.</summary>
public partial class AuthoritativeStepTests : IDisposable
{
    private readonly Harness _h = Harness.WithFixtures("rfc4592.zone", "chains.cname.zone", "other.zone", "referral-glue.referral.zone");

    public void Dispose() => _h.Dispose();

    // RFC 4592 §2.2.1: the queries of the example and their expected answers.
    [Theory]
    [InlineData("host3.example.", "MX", DnsRcode.NoError, new[] { "host3.example. 3600 MX 10 host1.example." }, "")]
    [InlineData("host3.example.", "A", DnsRcode.NoError, new string[0], "example. 300 SOA")]
    [InlineData("foo.bar.example.", "TXT", DnsRcode.NoError, new[] { "foo.bar.example. 3600 TXT \"this is a wildcard\"" }, "")]
    [InlineData("host1.example.", "MX", DnsRcode.NoError, new string[0], "example. 300 SOA")]
    [InlineData("sub.*.example.", "MX", DnsRcode.NoError, new string[0], "example. 300 SOA")]
    [InlineData("_telnet._tcp.host1.example.", "SRV", DnsRcode.NxDomain, new string[0], "example. 300 SOA")]
    [InlineData("host.subdel.example.", "A", DnsRcode.NoError, new string[0], "subdel.example. 3600 NS")]
    [InlineData("ghost.*.example.", "MX", DnsRcode.NxDomain, new string[0], "example. 300 SOA")]
    public void Query_Rfc4592Example_AnswersAsSection221(string qname, string qtype, DnsRcode rcode, string[] answer, string authorityPrefix)
    {
        DnsMessage r = _h.Query(qname, Names.Parse(qtype));

        Assert.Equal(rcode, r.Rcode);
        Assert.Equal(answer, r.Answers.Lines());
        if (authorityPrefix.Length == 0)
        {
            Assert.Empty(r.Authority);
        }
        else
        {
            Assert.StartsWith(authorityPrefix, r.Authority.Lines()[0]);
        }
    }

    [Fact]
    public void Query_WildcardMx_AddsTargetAddressInAdditional()
    {
        DnsMessage r = _h.Query("host3.example.", RecordType.MX);

        Assert.True(r.Header.AuthoritativeAnswer);
        Assert.Equal(["host1.example. 3600 A 192.0.2.1"], r.Additional.Lines());
    }

    [Fact]
    public void Query_ExactMatch_IsAuthoritativeWithoutAuthoritySection()
    {
        DnsMessage r = _h.Query("host1.example.", RecordType.A);

        Assert.True(r.Header.AuthoritativeAnswer);
        Assert.False(r.Header.RecursionAvailable);
        Assert.Equal(["host1.example. 3600 A 192.0.2.1"], r.Answers.Lines());
        Assert.Empty(r.Authority);
    }

    [Fact]
    public void Query_MixedCase_QuestionAndOwnerKeepClientCase()
    {
        DnsMessage r = _h.Query("HoSt1.ExAmPlE.", RecordType.A);

        Assert.Equal("HoSt1.ExAmPlE.", r.Questions[0].Name.ToString());
        Assert.Equal("HoSt1.ExAmPlE.", r.Answers[0].Name.ToString());
    }

    [Fact]
    public void Query_NxDomain_SoaTtlIsMinOfTtlAndMinimum()
    {
        DnsMessage r = _h.Query("nothing.chains.test.", RecordType.A);

        Assert.Equal(DnsRcode.NxDomain, r.Rcode);
        Assert.True(r.Header.AuthoritativeAnswer);
        ResourceRecord soa = Assert.Single(r.Authority);
        Assert.Equal(RecordType.SOA, soa.Type);
        Assert.Equal(120u, soa.Ttl);
    }

    [Fact]
    public void Query_NoData_SoaInAuthority()
    {
        DnsMessage r = _h.Query("c.chains.test.", RecordType.AAAA);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Empty(r.Answers);
        Assert.Equal(RecordType.SOA, Assert.Single(r.Authority).Type);
    }

    [Fact]
    public void Query_BelowDelegation_ReferralWithGlueAndNoAa()
    {
        DnsMessage r = _h.Query("www.child.deleg.test.", RecordType.A);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.False(r.Header.AuthoritativeAnswer);
        Assert.Empty(r.Answers);
        Assert.Equal(["child.deleg.test. 300 NS ns1.child.deleg.test.", "child.deleg.test. 300 NS ns2.elsewhere.net."], r.Authority.Lines());
        Assert.Equal(["ns1.child.deleg.test. 300 A 192.0.2.10", "ns1.child.deleg.test. 300 AAAA 2001:db8::10"], r.Additional.Lines());
    }

    [Fact]
    public void Query_GlueName_IsReferredNotAnswered()
    {
        DnsMessage r = _h.Query("ns1.child.deleg.test.", RecordType.A);

        Assert.False(r.Header.AuthoritativeAnswer);
        Assert.Empty(r.Answers);
        Assert.Equal(2, r.Authority.Count);
    }

    [Fact]
    public void Query_ApexNs_AddsAddresses()
    {
        DnsMessage r = _h.Query("chains.test.", RecordType.NS);

        Assert.Equal(["chains.test. 600 NS ns.chains.test."], r.Answers.Lines());
        Assert.Equal(["ns.chains.test. 600 A 192.0.2.53"], r.Additional.Lines());
    }

    [Fact]
    public void Query_Mx_AddsAddressesFromThisAndOtherServedZones()
    {
        DnsMessage r = _h.Query("mail.chains.test.", RecordType.MX);

        Assert.Equal(2, r.Answers.Count);
        Assert.Equal(["mx1.chains.test. 600 A 192.0.2.25", "mx1.chains.test. 600 AAAA 2001:db8::25", "mx2.other.test. 300 A 192.0.2.26"], r.Additional.Lines());
    }

    [Fact]
    public void Query_Srv_AddsTargetAddress()
    {
        DnsMessage r = _h.Query("_ssh._tcp.host1.example.", RecordType.SRV);

        Assert.Single(r.Answers);
        Assert.Equal(["host1.example. 3600 A 192.0.2.1"], r.Additional.Lines());
    }

    [Fact]
    public void Query_Any_AnswersOneRrsetOnly()
    {
        // RFC 8482 §4.2: a minimal answer to ANY.
        DnsMessage r = _h.Query("mx1.chains.test.", RecordType.ANY);

        Assert.Equal(["mx1.chains.test. 600 A 192.0.2.25"], r.Answers.Lines());
    }

    [Fact]
    public void Query_NameOutsideServedZones_RefusedWithEde20()
    {
        DnsMessage r = _h.Query("www.example.org.", RecordType.A);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.False(r.Header.AuthoritativeAnswer);
        Assert.Equal([(ushort)20], r.EdeCodes());
    }

    [Fact]
    public void Query_DsAtDelegation_AnsweredFromParentWithNoData()
    {
        DnsMessage r = _h.Query("child.deleg.test.", RecordType.DS);

        Assert.True(r.Header.AuthoritativeAnswer);
        Assert.Equal(RecordType.SOA, Assert.Single(r.Authority).Type);
    }
}
