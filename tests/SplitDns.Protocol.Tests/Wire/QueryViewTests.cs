using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public class QueryViewTests
{
    // dig example.com AAAA +dnssec +cookie +nsid, captured on loopback.
    private const string DigQuery =
        "68d001200001000000000001076578616d706c6503636f6d00001c000100002904d000008000001000030000000a0008a0316bcb8504be1f";

    // Header (ARCOUNT 1) and the question example.com A IN; an additional record follows.
    private const string Question = "000001000001000000000001076578616d706c6503636f6d0000010001";

    private static DnsFormatError ParseError(string hex)
    {
        byte[] packet = Convert.FromHexString(hex);
        return Assert.Throws<DnsFormatException>(() =>
        {
            Span<byte> name = stackalloc byte[255];
            QueryView.Parse(packet, name);
        }).Error;
    }

    [Fact]
    public void Parse_DigQuery_ReadsEverythingWithOffsets()
    {
        byte[] packet = Convert.FromHexString(DigQuery);
        Span<byte> name = stackalloc byte[255];

        QueryView view = QueryView.Parse(packet, name);

        Assert.Equal(0x68d0, view.Header.Id);
        Assert.Equal("example.com.", DnsName.FromWire(view.QuestionName).ToString());
        Assert.Equal(RecordType.AAAA, view.QuestionType);
        Assert.Equal(29, view.QuestionEnd);
        Assert.Equal(1232, view.UdpPayloadSize);
        Assert.True(view.DnssecOk);
        Assert.Equal(40, view.EdnsOptionsOffset);
        Assert.Equal(16, view.EdnsOptionsLength);
        Assert.True(view.TryGetOption(packet, EdnsOptionCode.Nsid, out ReadOnlySpan<byte> nsid));
        Assert.True(nsid.IsEmpty);
        Assert.True(view.TryGetCookie(packet, out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server));
        Assert.Equal("a0316bcb8504be1f", Convert.ToHexStringLower(client));
        Assert.True(server.IsEmpty);
        Assert.False(view.TryGetOption(packet, EdnsOptionCode.Padding, out _));
    }

    [Fact]
    public void Parse_OptInAnswerSection_ThrowsBadOpt()
    {
        // Regression: QueryView skipped answer/authority records without looking at their type.
        Assert.Equal(DnsFormatError.BadOpt, ParseError("000001000001000100000000076578616d706c6503636f6d0000010001" + "0000290200000000000000"));
    }

    [Fact]
    public void Parse_TsigInAuthoritySection_ThrowsBadTsig()
    {
        Assert.Equal(DnsFormatError.BadTsig, ParseError("000001000001000001000000076578616d706c6503636f6d0000010001" + "0000fa00ff000000000000"));
    }

    [Fact]
    public void Parse_OptOwnerPointerToRoot_AgreesWithDnsMessage()
    {
        // OPT owner is a pointer to the question's root label (offset 24): the root, compressed.
        byte[] packet = Convert.FromHexString(Question + "c018" + "0029" + "1000" + "00000000" + "0000");
        Span<byte> name = stackalloc byte[255];

        QueryView view = QueryView.Parse(packet, name);
        DnsMessage message = DnsMessage.Parse(packet);

        Assert.Equal(4096, view.UdpPayloadSize);
        Assert.Equal(4096, message.Edns!.UdpPayloadSize);
    }

    [Fact]
    public void Parse_SmallNameBuffer_ThrowsArgumentException()
    {
        byte[] packet = Convert.FromHexString(DigQuery);

        Assert.Throws<ArgumentException>(() =>
        {
            Span<byte> name = stackalloc byte[64];
            QueryView.Parse(packet, name);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(41)]
    public void Parse_MalformedCookie_ThrowsBadOpt(int length)
    {
        string option = "000a" + length.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + new string('5', length * 2);
        string rdlength = (option.Length / 2).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DnsFormatError.BadOpt, ParseError(Question + "00" + "0029" + "1000" + "00000000" + rdlength + option));
    }

    [Fact]
    public void Parse_UpdateWithPrerequisitesAndTsig_SkipsSectionsAndFlagsTsig()
    {
        var update = new DnsMessage();
        update.Header.Opcode = DnsOpcode.Update;
        update.Questions.Add(new DnsQuestion(DnsName.Parse("example.com."), RecordType.SOA));
        update.Answers.Add(new ResourceRecord(DnsName.Parse("www.example.com."), RecordType.A, DnsClass.Any, 0, new UnknownRdata(RecordType.A, [])));
        update.Authority.Add(new ResourceRecord(DnsName.Parse("www.example.com."), 300, new ARdata(System.Net.IPAddress.Parse("192.0.2.7"))));
        update.Additional.Add(new ResourceRecord(DnsName.Parse("k1."), RecordType.TSIG, DnsClass.Any, 0, new UnknownRdata(RecordType.TSIG, [1, 2, 3])));
        update.Edns = new EdnsRecord();
        byte[] packet = update.ToArray();
        Span<byte> name = stackalloc byte[255];

        QueryView view = QueryView.Parse(packet, name);

        Assert.Equal(DnsOpcode.Update, view.Header.Opcode);
        Assert.True(view.HasTsig);
        Assert.True(view.HasEdns);
        Assert.Equal(RecordType.SOA, view.QuestionType);
    }
}
