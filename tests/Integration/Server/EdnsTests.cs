using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Item 5 end to end: EDNS (RFC 6891) with dig and kdig.</summary>
public class EdnsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoEdnsInQuery_NoOptInReply(bool tcp)
    {
        DigResult r = server.Dig.Query("+noedns host1.example A", tcp);

        Assert.Equal("NOERROR", r.Status);
        Assert.False(r.HasOpt);
    }

    [Fact]
    public void EdnsInQuery_OptInReplyWith1232()
    {
        DigResult r = server.Dig.Query("host1.example A");

        Assert.True(r.HasOpt);
        Assert.Contains("udp: 1232", r.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EdnsVersion1_BadVers(bool tcp)
    {
        DigResult r = server.Dig.Query("+edns=1 +noednsnegotiation host1.example A", tcp);

        Assert.Equal("BADVERS", r.Status);
        Assert.Contains("version: 0", r.Output);
    }

    [Fact]
    public void DoBit_Echoed()
    {
        DigResult r = server.Dig.Query("+dnssec host1.example A");

        Assert.Contains("flags: do;", r.Output);
    }

    [Fact]
    public void UnknownEdnsFlag_Cleared()
    {
        DigResult r = server.Dig.Query("+ednsflags=0x20 host1.example A");

        Assert.Contains("; EDNS: version: 0, flags:; udp: 1232", r.Output);
    }

    [Fact]
    public void UnknownOption_IgnoredAndAnswered()
    {
        DigResult r = server.Dig.Query("+ednsopt=65001:cafe host1.example A");

        Assert.Equal(["host1.example. 3600 IN A 192.0.2.1"], r.Answer);
        Assert.DoesNotContain("65001", r.Output.Split("ANSWER SECTION")[0].Split("OPT PSEUDOSECTION").Last());
    }

    [Fact]
    public void LargeAnswerWithoutEdns_TruncatedOverUdp()
    {
        DigResult r = server.Dig.Query("+noedns +ignore big.chains.test TXT");

        Assert.Contains("tc", r.Flags);
    }

    [Fact]
    public void LargeAnswerWithoutEdns_DigRetriesOverTcpAndGetsAll()
    {
        DigResult r = server.Dig.Query("+noedns big.chains.test TXT");

        Assert.DoesNotContain("tc", r.Flags);
        Assert.Equal(7, r.Answer.Count);
    }

    [Fact]
    public void SmallEdnsBuffer_TruncatedKdig()
    {
        DigResult r = server.Dig.KQuery("+bufsize=512 +ignore big.chains.test TXT");

        Assert.Contains("tc", r.Flags);
    }
}
