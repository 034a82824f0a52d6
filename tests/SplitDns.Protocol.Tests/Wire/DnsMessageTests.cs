using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public partial class DnsMessageTests
{
    private static ResourceRecord Rr(string text)
    {
        List<RdataToken> tokens = RdataTextReader.Tokenize(text);
        var name = DnsName.Parse(tokens[0].Text);
        uint ttl = uint.Parse(tokens[1].Text, System.Globalization.CultureInfo.InvariantCulture);
        RecordTypeNames.TryParse(tokens[3].Text, out RecordType type);
        Rdata data = RdataFactory.Parse(type, new RdataTextReader(tokens.GetRange(4, tokens.Count - 4), DnsName.Root));
        return new ResourceRecord(name, ttl, data);
    }

    [Fact]
    public void TryWrite_Response_CompressesAndRoundTrips()
    {
        var message = new DnsMessage();
        message.Header.Id = 0x1234;
        message.Header.IsResponse = true;
        message.Header.AuthoritativeAnswer = true;
        message.Questions.Add(new DnsQuestion(DnsName.Parse("WWW.Example.com."), RecordType.A));
        message.Answers.Add(Rr("www.example.com. 300 IN CNAME host.example.com."));
        message.Answers.Add(Rr("host.example.com. 300 IN A 192.0.2.1"));
        message.Authority.Add(Rr("example.com. 3600 IN NS ns1.example.com."));
        message.Edns = new EdnsRecord { UdpPayloadSize = 1232, DnssecOk = true };
        message.Edns.AddExtendedError(ExtendedDnsErrorCode.Other, "hi");

        byte[] wire = message.ToArray();
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.Equal(0x1234, back.Id);
        Assert.True(back.Header.AuthoritativeAnswer);
        Assert.Equal("WWW.Example.com.", back.Questions[0].Name.ToString());
        Assert.Equal(2, back.Answers.Count);
        Assert.Equal("host.example.com.", ((CnameRdata)back.Answers[0].Data).Target.ToString());
        Assert.NotNull(back.Edns);
        Assert.True(back.Edns!.DnssecOk);
        Assert.Equal(ExtendedDnsErrorCode.Other, (ExtendedDnsErrorCode)(back.Edns.Find(EdnsOptionCode.ExtendedDnsError)!.Value.Data.Span[1]));

        // Compression: "host.example.com" in the CNAME target points back into earlier names.
        int uncompressed = 12 + 21 + (17 + 10 + 18) + (17 + 10 + 4) + (13 + 10 + 17) + 11 + 6;
        Assert.True(wire.Length < uncompressed - 40, $"{wire.Length} bytes is not compressed");
    }

    [Fact]
    public void TryWrite_OverLimit_DropsWholeRrsetsAndSetsTc()
    {
        var message = new DnsMessage();
        message.Header.IsResponse = true;
        message.Questions.Add(new DnsQuestion(DnsName.Parse("big.example."), RecordType.TXT));
        for (int i = 0; i < 10; i++)
        {
            message.Answers.Add(Rr($"big.example. 60 IN TXT \"{new string('x', 100)}{i}\""));
        }

        message.Edns = new EdnsRecord { UdpPayloadSize = 512 };
        byte[] wire = message.ToArray(limit: 512);
        DnsMessage back = DnsMessage.Parse(wire);

        Assert.True(back.Header.Truncated);
        Assert.Empty(back.Answers);
        Assert.NotNull(back.Edns);
        Assert.True(wire.Length <= 512);
    }

    [Theory]
    [InlineData("000101000001000000000000")] // header says one question, none present
    [InlineData("00010100000100000000000003777777c00c00010001")] // pointer into the header
    [InlineData("00010100000100000000000003777777c00f00010001")] // pointer forward/self loop
    [InlineData("000101000001000000000000407878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787800000010001")] // label 64
    [InlineData("0001010000010000000000000000010001ff")] // trailing byte
    public void Parse_Malformed_ThrowsFormatError(string hex)
    {
        byte[] packet = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));
    }

    [Fact]
    public void QueryView_DigStyleQuery_ReadsQuestionAndEdns()
    {
        var q = new DnsMessage();
        q.Header.Id = 7;
        q.Header.RecursionDesired = true;
        q.Questions.Add(new DnsQuestion(DnsName.Parse("ExAmple.com."), RecordType.AAAA));
        q.Edns = new EdnsRecord { UdpPayloadSize = 4096, DnssecOk = true };
        q.Edns.Options.Add(new EdnsOption(EdnsOptionCode.Cookie, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        byte[] wire = q.ToArray();

        Span<byte> name = stackalloc byte[255];
        QueryView view = QueryView.Parse(wire, name);

        Assert.Equal(RecordType.AAAA, view.QuestionType);
        Assert.Equal("ExAmple.com.", DnsName.FromWire(view.QuestionName).ToString());
        Assert.True(view.HasEdns);
        Assert.True(view.DnssecOk);
        Assert.Equal(4096, view.UdpPayloadSize);
        Assert.True(view.TryGetOption(wire, EdnsOptionCode.Cookie, out ReadOnlySpan<byte> cookie));
        Assert.Equal(8, cookie.Length);
    }
}
