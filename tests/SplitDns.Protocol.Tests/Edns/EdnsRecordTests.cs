using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Edns;

public class EdnsRecordTests
{
    // Header (ARCOUNT 1) + question example.com A IN.
    private const string Question = "000001000001000000000001076578616d706c6503636f6d0000010001";

    [Fact]
    public void Parse_ExtendedRcodeVersionFlags_ReadFromTtl()
    {
        // RFC 6891 §6.1.3: TTL = EXTENDED-RCODE(8) VERSION(8) DO(1) Z(15).
        byte[] packet = Convert.FromHexString(Question + "00" + "0029" + "0200" + "01" + "00" + "8000" + "0000");
        packet[3] |= 0x0a;

        DnsMessage m = DnsMessage.Parse(packet);

        Assert.Equal(512, m.Edns!.UdpPayloadSize);
        Assert.Equal(1, m.Edns.ExtendedRcode);
        Assert.True(m.Edns.DnssecOk);
        Assert.Equal((DnsRcode)((1 << 4) | 0x0a), m.Rcode);
    }

    [Theory]
    [InlineData(0, 512)]
    [InlineData(100, 512)]
    [InlineData(1232, 1232)]
    public void EffectivePayloadSize_BelowMinimum_Is512(ushort advertised, int effective)
    {
        Assert.Equal(effective, new EdnsRecord { UdpPayloadSize = advertised }.EffectivePayloadSize);
    }

    [Theory]
    [InlineData("000a0004" + "01020304", DnsFormatError.BadOpt)]
    [InlineData("000c", DnsFormatError.BadOpt)]
    [InlineData("000c0010" + "0000", DnsFormatError.BadOpt)]
    public void ReadOptions_Malformed_ThrowsBadOpt(string hex, DnsFormatError expected)
    {
        byte[] data = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => EdnsRecord.ReadOptions(data, []));
        Assert.Equal(expected, e.Error);
    }

    [Fact]
    public void ReadOptions_UnknownAndEmptyOptions_KeptInOrder()
    {
        var options = new List<EdnsOption>();

        EdnsRecord.ReadOptions(Convert.FromHexString("00030000" + "fde90002abcd" + "000c0000"), options);

        Assert.Equal([EdnsOptionCode.Nsid, (EdnsOptionCode)65001, EdnsOptionCode.Padding], options.Select(o => o.Code));
        Assert.Equal("abcd", Convert.ToHexStringLower(options[1].Data.Span));
    }

    [Fact]
    public void TryWrite_OptionLongerThan65535_ReturnsFalse()
    {
        var edns = new EdnsRecord();
        edns.Options.Add(new EdnsOption(EdnsOptionCode.Nsid, new byte[70000]));
        byte[] buffer = new byte[80000];
        var writer = new DnsWriter(buffer);

        Assert.False(edns.TryWrite(ref writer));
        Assert.Equal(0, writer.Position);
    }
}
