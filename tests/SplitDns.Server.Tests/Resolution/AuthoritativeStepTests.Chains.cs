using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Tests.Resolution;

public partial class AuthoritativeStepTests
{
    [Fact]
    public void Query_CnameChainInZone_FollowedToTheEnd()
    {
        DnsMessage r = _h.Query("a.chains.test.", RecordType.A);

        Assert.Equal(["a.chains.test. 600 CNAME b.chains.test.", "b.chains.test. 600 CNAME c.chains.test.", "c.chains.test. 600 A 192.0.2.3"], r.Answers.Lines());
        Assert.True(r.Header.AuthoritativeAnswer);
    }

    [Fact]
    public void Query_CnameAskedForCname_NotFollowed()
    {
        DnsMessage r = _h.Query("a.chains.test.", RecordType.CNAME);

        Assert.Equal(["a.chains.test. 600 CNAME b.chains.test."], r.Answers.Lines());
    }

    [Fact]
    public void Query_CnameIntoOtherServedZone_Followed()
    {
        DnsMessage r = _h.Query("other.chains.test.", RecordType.A);

        Assert.Equal(["other.chains.test. 600 CNAME host.other.test.", "host.other.test. 300 A 192.0.2.77"], r.Answers.Lines());
    }

    [Fact]
    public void Query_CnameOutOfServedZones_StopsWithCname()
    {
        DnsMessage r = _h.Query("outside.chains.test.", RecordType.A);

        Assert.Equal(DnsRcode.NoError, r.Rcode);
        Assert.Equal(["outside.chains.test. 600 CNAME www.example.org."], r.Answers.Lines());
        Assert.Empty(r.Authority);
    }

    [Fact]
    public void Query_CnameLoop_StopsWithoutRepeating()
    {
        DnsMessage r = _h.Query("loop1.chains.test.", RecordType.A);

        Assert.Equal(["loop1.chains.test. 600 CNAME loop2.chains.test.", "loop2.chains.test. 600 CNAME loop1.chains.test."], r.Answers.Lines());
    }

    [Fact]
    public void Query_CnameToMissingName_NxDomainWithCnameKept()
    {
        // RFC 6604 §3: the RCODE describes the last name of the chain.
        DnsMessage r = _h.Query("dangling.chains.test.", RecordType.A);

        Assert.Equal(DnsRcode.NxDomain, r.Rcode);
        Assert.Single(r.Answers);
        Assert.Equal(RecordType.SOA, Assert.Single(r.Authority).Type);
    }

    [Fact]
    public void Query_WildcardCname_SynthesizedOwnerIsQueryName()
    {
        DnsMessage r = _h.Query("anything.wild.chains.test.", RecordType.A);

        Assert.Equal(["anything.wild.chains.test. 600 CNAME c.chains.test.", "c.chains.test. 600 A 192.0.2.3"], r.Answers.Lines());
    }

    [Fact]
    public void Query_BelowDname_DnameThenSynthesizedCnameThenTarget()
    {
        DnsMessage r = _h.Query("x.old.chains.test.", RecordType.A);

        // RFC 6672 §3.2; the target x.new is below a cut, so the chase stops there.
        Assert.Equal(["old.chains.test. 600 DNAME new.chains.test.", "x.old.chains.test. 600 CNAME x.new.chains.test."], r.Answers.Lines());
        Assert.True(r.Header.AuthoritativeAnswer);
    }

    [Fact]
    public void Query_DnameOwnerItself_AnsweredNormally()
    {
        DnsMessage r = _h.Query("old.chains.test.", RecordType.DNAME);

        Assert.Equal(["old.chains.test. 600 DNAME new.chains.test."], r.Answers.Lines());
    }

    [Fact]
    public void Query_DnameSynthesisTooLong_YxDomain()
    {
        // RFC 6672 §2.2: a synthesized name over 255 octets is YXDOMAIN.
        string label = new('q', 60);
        DnsMessage r = _h.Query($"{label}.{label}.{label}.grow.chains.test.", RecordType.A);

        Assert.Equal(DnsRcode.YxDomain, r.Rcode);
        Assert.Equal(RecordType.DNAME, Assert.Single(r.Answers).Type);
    }
}
