using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class RdataCanonicalTests
{
    // RFC 4034 §6.2: names inside RDATA are lowercased for comparison, so RFC 2136 §2.5.4
    // "delete an RR from an RRset" matches whatever case the client sent.
    [Theory]
    [InlineData(RecordType.SRV, "10 60 5060 BigBox.Example.COM.", "10 60 5060 bigbox.example.com.")]
    [InlineData(RecordType.MX, "10 MAIL.example.com.", "10 mail.EXAMPLE.com.")]
    [InlineData(RecordType.NAPTR, "100 50 \"S\" \"SIP+D2U\" \"\" _SIP._udp.example.com.", "100 50 \"S\" \"SIP+D2U\" \"\" _sip._UDP.example.com.")]
    [InlineData(RecordType.SVCB, "1 Foo.Example.Org. alpn=h2", "1 foo.example.org. alpn=h2")]
    [InlineData(RecordType.RRSIG, "A 5 3 86400 20030322173103 20030220173103 2642 EXAMPLE.com. AAAA", "A 5 3 86400 20030322173103 20030220173103 2642 example.com. AAAA")]
    [InlineData(RecordType.NSEC, "HOST.example.com. A MX", "host.example.com. A MX")]
    [InlineData(RecordType.SOA, "NS1.example.com. Hostmaster.example.com. 1 2 3 4 5", "ns1.example.com. hostmaster.example.com. 1 2 3 4 5")]
    public void Equals_NamesDifferOnlyInCase_True(RecordType type, string a, string b)
    {
        Rdata x = RdataAssert.Parse(type, a);
        Rdata y = RdataAssert.Parse(type, b);
        Assert.Equal(0, x.CompareCanonical(y));
        Assert.Equal(x, y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
        Assert.NotEqual(Convert.ToHexString(x.ToWire()), Convert.ToHexString(y.ToWire()));
    }

    // Only names are case-folded: strings, values and keys stay byte-exact.
    [Theory]
    [InlineData(RecordType.TXT, "\"heritage=external-dns,external-dns/owner=default\"", "\"heritage=External-dns,external-dns/owner=default\"")]
    [InlineData(RecordType.TXT, "\"a\" \"b\"", "\"ab\"")]
    [InlineData(RecordType.CAA, "0 issue \"ca.example.net\"", "0 issue \"CA.example.net\"")]
    [InlineData(RecordType.SVCB, "1 . alpn=h2", "1 . alpn=H2")]
    [InlineData(RecordType.DS, "1 2 3 AABB", "1 2 3 AABC")]
    [InlineData(RecordType.HINFO, "\"PC\" \"Linux\"", "\"pc\" \"Linux\"")]
    public void Equals_NonNameBytesDiffer_False(RecordType type, string a, string b)
    {
        Rdata x = RdataAssert.Parse(type, a);
        Rdata y = RdataAssert.Parse(type, b);
        Assert.NotEqual(0, x.CompareCanonical(y));
        Assert.NotEqual(x, y);
    }

    [Fact]
    public void Equals_HttpsAndSvcbSameBytes_False() =>
        Assert.NotEqual(RdataAssert.Parse(RecordType.HTTPS, "1 . alpn=h2"), RdataAssert.Parse(RecordType.SVCB, "1 . alpn=h2"));

    [Fact]
    public void CompareCanonical_Rfc4034Section63_OrdersByCanonicalWire()
    {
        // RFC 4034 §6.3: RRs sort by their canonical RDATA as left-justified unsigned octets.
        Rdata[] sorted =
        [
            RdataAssert.Parse(RecordType.SRV, "0 0 0 b.example."),
            RdataAssert.Parse(RecordType.SRV, "0 0 1 A.example."),
            RdataAssert.Parse(RecordType.SRV, "0 1 0 a.example."),
            RdataAssert.Parse(RecordType.SRV, "1 0 0 a.example."),
        ];
        Rdata[] shuffled = [sorted[2], sorted[0], sorted[3], sorted[1]];
        Array.Sort(shuffled, static (a, b) => a.CompareCanonical(b));
        Assert.Equal(sorted, shuffled);
    }

    [Fact]
    public void HashSet_DeleteExactRecordDifferentCase_Found()
    {
        var set = new HashSet<Rdata>
        {
            RdataAssert.Parse(RecordType.SRV, "10 60 5060 bigbox.example.com."),
            RdataAssert.Parse(RecordType.SRV, "20 60 5060 other.example.com."),
        };
        Assert.True(set.Remove(RdataAssert.Parse(RecordType.SRV, "10 60 5060 BIGBOX.EXAMPLE.COM.")));
        Assert.Single(set);
    }
}
