using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Item 4 end to end: dig and kdig over UDP and TCP against the real server.</summary>
public class AuthoritativeAnswerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string, bool> Clients() => new()
    {
        { "dig", "udp", false }, { "dig", "tcp", true }, { "kdig", "udp", false }, { "kdig", "tcp", true },
    };

    private DigResult Ask(string client, bool tcp, string args) =>
        client == "dig" ? server.Dig.Query(args, tcp) : server.Dig.KQuery(args, tcp);

    // RFC 4592 §2.2.1 table, with every client and transport.
    [Theory]
    [MemberData(nameof(Rfc4592Cases))]
    public void Rfc4592Example_EachQuery_AnsweredAsTheRfcSays(string client, bool tcp, string qname, string qtype, string status, string answer, string authorityType)
    {
        DigResult r = Ask(client, tcp, $"{qname} {qtype}");

        Assert.Equal(status, r.Status);
        Assert.Equal(answer, string.Join(" | ", r.Answer));
        Assert.Equal(authorityType, r.Authority.Count == 0 ? "" : r.Authority[0].Split(' ')[3]);
    }

    public static IEnumerable<object[]> Rfc4592Cases()
    {
        (string, string, string, string, string)[] table =
        [
            ("host3.example.", "MX", "NOERROR", "host3.example. 3600 IN MX 10 host1.example.", ""),
            ("host3.example.", "A", "NOERROR", "", "SOA"),
            ("foo.bar.example.", "TXT", "NOERROR", "foo.bar.example. 3600 IN TXT \"this is a wildcard\"", ""),
            ("host1.example.", "MX", "NOERROR", "", "SOA"),
            ("sub.*.example.", "MX", "NOERROR", "", "SOA"),
            ("_telnet._tcp.host1.example.", "SRV", "NXDOMAIN", "", "SOA"),
            ("host.subdel.example.", "A", "NOERROR", "", "NS"),
            ("ghost.*.example.", "MX", "NXDOMAIN", "", "SOA"),
        ];
        foreach (string client in new[] { "dig", "kdig" })
        {
            foreach (bool tcp in new[] { false, true })
            {
                foreach (var (q, t, s, a, auth) in table)
                {
                    yield return [client, tcp, q, t, s, a, auth];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void ReferenceZone_UnknownName_WildcardToDockerHost(string client, string transport, bool tcp)
    {
        DigResult r = Ask(client, tcp, "unknown.example.com A");

        Assert.Equal("NOERROR", r.Status);
        Assert.Equal(["unknown.example.com. 300 IN A 192.168.1.58"], r.Answer);
        Assert.Contains("aa", r.Flags);
        Assert.NotEmpty(transport);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void ReferenceZone_PublishedCname_ChasedToGateway(string client, string transport, bool tcp)
    {
        DigResult r = Ask(client, tcp, "grafana.example.com A");

        Assert.Equal(["grafana.example.com. 300 IN CNAME internal.example.com.", "internal.example.com. 300 IN A 192.168.1.72"], r.Answer);
        Assert.NotEmpty(transport);
    }

    [Fact]
    public void NxDomain_NegativeTtlIsSoaMinimum()
    {
        DigResult r = server.Dig.Query("nothing.chains.test A");

        Assert.Equal("NXDOMAIN", r.Status);
        Assert.Matches(@"^chains\.test\. 120 IN SOA ", Assert.Single(r.Authority));
    }

    [Fact]
    public void Referral_NoAaNsInAuthorityGlueInAdditional()
    {
        DigResult r = server.Dig.Query("www.subdel.example A");

        Assert.DoesNotContain("aa", r.Flags);
        Assert.Equal(2, r.Authority.Count);
        Assert.All(r.Authority, l => Assert.StartsWith("subdel.example. 3600 IN NS", l));
    }

    [Fact]
    public void MixedCaseQuery_CasePreservedInQuestionAndAnswer()
    {
        DigResult r = server.Dig.Query("HoSt1.ExAmPlE A");

        Assert.Equal(["HoSt1.ExAmPlE. 3600 IN A 192.0.2.1"], r.Answer);
        Assert.Contains(";HoSt1.ExAmPlE.", r.Output);
    }

    [Fact]
    public void MxQuery_AdditionalHasTargetAddresses()
    {
        DigResult r = server.Dig.Query("mail.chains.test MX");

        Assert.Contains("mx1.chains.test. 600 IN A 192.0.2.25", r.Additional);
        Assert.Contains("mx1.chains.test. 600 IN AAAA 2001:db8::25", r.Additional);
    }

    [Fact]
    public void AnyQuery_MinimalAnswer()
    {
        DigResult r = server.Dig.Query("mx1.chains.test ANY");

        Assert.Equal(["mx1.chains.test. 600 IN A 192.0.2.25"], r.Answer);
    }

    [Fact]
    public void Dname_SynthesizesCname()
    {
        DigResult r = server.Dig.KQuery("x.old.chains.test A");

        Assert.Equal(["old.chains.test. 600 IN DNAME new.chains.test.", "x.old.chains.test. 600 IN CNAME x.new.chains.test."], r.Answer);
    }

    [Fact]
    public void CnameLoop_AnsweredOnceEach()
    {
        DigResult r = server.Dig.Query("loop1.chains.test A");

        Assert.Equal(2, r.Answer.Count);
    }

    [Fact]
    public void OutsideServedZones_RefusedWithEde()
    {
        DigResult r = server.Dig.Query("www.example.org A");

        Assert.Equal("REFUSED", r.Status);
        Assert.Contains("20", r.Ede);
    }

    [Theory]
    [InlineData("version.bind", "\"SplitDns integration\"")]
    [InlineData("version.server", "\"SplitDns integration\"")]
    public void ChaosVersion_AnsweredAsConfigured(string name, string text)
    {
        DigResult r = server.Dig.Query($"{name} CH TXT");

        Assert.Equal("NOERROR", r.Status);
        Assert.EndsWith(text, Assert.Single(r.Answer));
    }

    [Fact]
    public void ChaosIdServer_NotConfigured_Refused()
    {
        Assert.Equal("REFUSED", server.Dig.Query("id.server CH TXT").Status);
    }

    [Fact]
    public void UnsupportedOpcode_NotImp()
    {
        Assert.Equal("NOTIMP", server.Dig.Query("+opcode=3 example.com SOA").Status);
    }

    [Fact]
    public void Update_NoGrantForUnsigned_Refused()
    {
        // UPDATE (opcode 5) goes to the update handler: this zone grants nothing, so REFUSED.
        Assert.Equal("REFUSED", server.Dig.Query("+opcode=5 example.com SOA").Status);
    }

    [Fact]
    public void Notify_ForServedZone_Acknowledged()
    {
        // NOTIFY (opcode 4) for a zone we serve is acknowledged (RFC 1996 §3.7).
        Assert.Equal("NOERROR", server.Dig.Query("+opcode=4 example.com SOA").Status);
    }

    [Fact]
    public void Axfr_WithoutTransferHandler_Refused()
    {
        string output = Dig.Run("dig", $"@{server.Address} -p {server.Port} +time=2 +tries=1 example.com AXFR");

        Assert.Contains("Transfer failed", output);
    }
}
