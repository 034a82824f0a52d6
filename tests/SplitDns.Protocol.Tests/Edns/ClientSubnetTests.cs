using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Edns;

public class ClientSubnetTests
{
    [Theory]
    [InlineData("00011800c00002", ClientSubnetFamily.IPv4, 24, "c0000200")]
    [InlineData("00012000c0000201", ClientSubnetFamily.IPv4, 32, "c0000201")]
    [InlineData("00011500c00008", ClientSubnetFamily.IPv4, 21, "c0000800")]
    [InlineData("00010000", ClientSubnetFamily.IPv4, 0, "00000000")]
    [InlineData("00023800200103db0000ab", ClientSubnetFamily.IPv6, 56, "200103db0000ab000000000000000000")]
    public void TryParse_ValidQueryOption_ReturnsFamilyPrefixAndWholeAddress(string hex, ClientSubnetFamily family, byte source, string address)
    {
        bool ok = ClientSubnet.TryParse(Convert.FromHexString(hex), out ClientSubnet subnet, out string? error);

        Assert.True(ok, error);
        Assert.Equal(family, subnet.Family);
        Assert.Equal(source, subnet.SourcePrefixLength);
        Assert.Equal(0, subnet.ScopePrefixLength);
        Span<byte> bytes = stackalloc byte[16];
        int n = subnet.CopyAddressTo(bytes);
        Assert.Equal(address, Convert.ToHexStringLower(bytes[..n]));
    }

    [Theory]
    [InlineData("000118", "shorter")]
    [InlineData("00031800c00002", "FAMILY")]
    [InlineData("00001800c00002", "FAMILY")]
    [InlineData("00012100c000020000", "longer than the address")]
    [InlineData("00028100", "longer than the address")]
    [InlineData("00011818c00002", "SCOPE")]
    [InlineData("00011800c0000200", "ceil")]
    [InlineData("00011800c000", "ceil")]
    [InlineData("00011700c00003", "bits set")]
    [InlineData("00010000ff", "ceil")]
    public void TryParse_Malformed_FalseWithReason(string hex, string reason)
    {
        Assert.False(ClientSubnet.TryParse(Convert.FromHexString(hex), out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFind_AmongOtherOptions_ReturnsEcsData()
    {
        // COOKIE (10) with 8 octets, then ECS (8).
        byte[] options = Convert.FromHexString("000a0008" + "0102030405060708" + "00080007" + "00011800c00002");

        Assert.True(ClientSubnet.TryFind(options, out ReadOnlySpan<byte> data));
        Assert.Equal("00011800c00002", Convert.ToHexStringLower(data));
        Assert.False(ClientSubnet.TryFind(Convert.FromHexString("000a00080102030405060708"), out _));
        Assert.False(ClientSubnet.TryFind([], out _));
    }

    [Fact]
    public void TryWrite_Echo_MatchesQueryWithScope()
    {
        Assert.True(ClientSubnet.TryParse(Convert.FromHexString("00011500c00008"), out ClientSubnet subnet, out _));
        byte[] buffer = new byte[64];
        var w = new DnsWriter(buffer);

        Assert.True(subnet.TryWrite(ref w, subnet.SourcePrefixLength));

        // RFC 7871 §7.2.1: FAMILY, SOURCE and ADDRESS as in the query; SCOPE 21 here.
        Assert.Equal("00080007" + "00011515c00008", Convert.ToHexStringLower(w.Written));
        Assert.Equal(w.Position, subnet.OptionSize);
    }

    [Fact]
    public void TryWrite_NoRoom_FalseAndWriterUnchanged()
    {
        var subnet = new ClientSubnet([192, 0, 2, 1], 24);
        byte[] buffer = new byte[10];
        var w = new DnsWriter(buffer);

        Assert.False(subnet.TryWrite(ref w, 24));
        Assert.Equal(0, w.Position);
    }

    [Fact]
    public void Constructor_BitsPastPrefix_Cleared()
    {
        var subnet = new ClientSubnet([192, 0, 2, 255], 28);
        Span<byte> bytes = stackalloc byte[4];
        subnet.CopyAddressTo(bytes);

        Assert.Equal("c00002f0", Convert.ToHexStringLower(bytes));
        Assert.Equal(4 + 4 + 4, subnet.OptionSize);
    }

    [Fact]
    public void Constructor_BadAddressLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ClientSubnet([1, 2, 3], 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientSubnet([1, 2, 3, 4], 33));
    }
}
