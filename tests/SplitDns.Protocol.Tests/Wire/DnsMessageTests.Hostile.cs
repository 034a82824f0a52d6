using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

public partial class DnsMessageTests
{
    public static TheoryData<string, string> HostilePackets() => WireCorpus.Load("hostile.txt");

    public static TheoryData<string, string> HostileRdataPackets() => WireCorpus.Load("hostile-rdata.txt");

    [Fact]
    public void HostileCorpus_HasAtLeast100Packets()
    {
        Assert.True(HostilePackets().Count >= 100, $"only {HostilePackets().Count} hostile packets");
    }

    [Theory]
    [MemberData(nameof(HostilePackets))]
    public void Parse_HostilePacket_ThrowsFormatException(string hex, string description)
    {
        byte[] packet = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));
        Assert.True(Enum.IsDefined(e.Error), description);
    }

    [Theory]
    [MemberData(nameof(HostilePackets))]
    public void QueryViewParse_HostilePacket_ThrowsFormatException(string hex, string description)
    {
        byte[] packet = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() =>
        {
            Span<byte> name = stackalloc byte[255];
            QueryView.Parse(packet, name);
        });
        Assert.True(Enum.IsDefined(e.Error), description);
    }

    [Theory]
    [MemberData(nameof(HostileRdataPackets))]
    public void Parse_MalformedRdata_ThrowsFormatException(string hex, string description)
    {
        byte[] packet = Convert.FromHexString(hex);

        DnsFormatException e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));
        Assert.True(Enum.IsDefined(e.Error), description);
    }
}
